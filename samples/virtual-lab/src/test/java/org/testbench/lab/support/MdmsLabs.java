package org.testbench.lab.support;

import java.io.IOException;
import java.util.Set;

import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.MdmsFault;

/** Labs with a fast MDMS (RF latency at 1/100: commands execute after 10-30 ms). */
public final class MdmsLabs {

    public static final String TOKEN = "test-token-6f1c2a9b";
    public static final double FAST = 0.01;

    private MdmsLabs() {
    }

    public static LabConfig.Builder config(int meters, Set<MdmsFault> faults) {
        return TestLabs.config(meters).mdmsToken(TOKEN).mdmsTimeScale(FAST).mdmsFaults(faults);
    }

    public static VirtualLab start(int meters, Set<MdmsFault> faults) throws IOException {
        return VirtualLab.start(config(meters, faults).build());
    }

    public static MdmsHttp client(VirtualLab lab) {
        return new MdmsHttp(lab.mdms().url(), TOKEN);
    }
}
