package org.testbench.mdms.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;

/** The virtual lab's MDMS (without meters) behind its HTTPS front with one TLS profile. */
public final class ReferenceMdms implements AutoCloseable {

    public static final String TOKEN = "reference-mdms-token";

    private final VirtualMdms mdms;

    private ReferenceMdms(VirtualMdms mdms) {
        this.mdms = mdms;
    }

    /** Starts it; the lab CA's PEM goes into {@code directory}. */
    public static ReferenceMdms start(MdmsTlsProfile profile, Path directory) throws IOException {
        MdmsSettings settings = new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, TOKEN);
        return new ReferenceMdms(VirtualMdms.start(settings, List.of(), Optional.of(MdmsTls.create(profile, directory))));
    }

    public URI url() {
        return URI.create(mdms.url());
    }

    /** The CA a client is told to trust. */
    public Path ca() {
        return mdms.caFile().orElseThrow();
    }

    @Override
    public void close() {
        mdms.close();
    }
}
