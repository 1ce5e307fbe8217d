package org.testbench.mdms.tls;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the probes saw, before judging: offered versions, suites per version, groups, the
 * certificate (or why there is none), and whether an OCSP response came stapled to it.
 */
public record TlsObservation(List<String> versions, Map<String, List<String>> suites, List<String> groups,
                             Optional<CertificateFacts> certificate, String noCertificateReason,
                             boolean ocspStapling) {

    public TlsObservation {
        versions = List.copyOf(versions);
        suites = Map.copyOf(suites);
        groups = List.copyOf(groups);
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(noCertificateReason, "noCertificateReason");
    }

    /** Every offered suite once, whatever the version. */
    public List<String> allSuites() {
        return suites.values().stream().flatMap(Collection::stream).distinct().toList();
    }
}
