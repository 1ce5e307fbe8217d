package org.testbench.sequences;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.engine.PositionSetup;

/** The virtual lab's meters as the engine's bench positions, as tests drive them: optical head over TCP, AMI port. */
final class LabPositions {

    private LabPositions() {
    }

    static List<PositionSetup> of(VirtualLab lab) {
        List<PositionSetup> list = new ArrayList<>();
        for (VirtualMeter m : lab.meters()) {
            list.add(new PositionSetup(m.position(), Optional.of(m.serial()),
                    new OpticalChannel(PortAddress.parse(m.opticalEndpoint())),
                    Optional.of(new AmiChannel(PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2)))));
        }
        return list;
    }
}
