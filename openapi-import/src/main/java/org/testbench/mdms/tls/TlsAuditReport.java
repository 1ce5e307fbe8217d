package org.testbench.mdms.tls;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS endpoint offers, found one version, suite and group at a time, its certificate, and the
 * findings against the rules.
 *
 * @param suites     per version ({@code TLSv1.2} ...), IANA names of the suites the server accepted
 * @param groups     names of the key-exchange groups the server accepted ({@code secp256r1} ...)
 * @param ocspStapling whether the server stapled an OCSP response to its certificate
 * @param handshakes how many handshakes the audit made
 */
public record TlsAuditReport(URI url, List<String> versions, Map<String, List<String>> suites, List<String> groups,
                             Optional<CertificateFacts> certificate, boolean ocspStapling, List<TlsFinding> findings,
                             int handshakes, Duration elapsed) {

    public TlsAuditReport {
        Objects.requireNonNull(url, "url");
        versions = List.copyOf(versions);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        suites.forEach((version, names) -> copy.put(version, List.copyOf(names)));
        suites = java.util.Collections.unmodifiableMap(copy);
        groups = List.copyOf(groups);
        Objects.requireNonNull(certificate, "certificate");
        findings = List.copyOf(findings);
    }

    /** True when at least one finding is a FAIL. */
    public boolean hasFailures() {
        return findings.stream().anyMatch(TlsFinding::isFailure);
    }

    public List<TlsFinding> failures() {
        return findings.stream().filter(TlsFinding::isFailure).toList();
    }

    /** The ids of all findings, in report order (a rule may appear more than once). */
    public List<String> ruleIds() {
        return findings.stream().map(TlsFinding::rule).toList();
    }
}
