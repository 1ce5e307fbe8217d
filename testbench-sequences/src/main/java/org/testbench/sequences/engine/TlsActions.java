package org.testbench.sequences.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.testbench.mdms.tls.TlsAuditException;
import org.testbench.mdms.tls.TlsAuditReport;
import org.testbench.mdms.tls.TlsAuditor;
import org.testbench.mdms.tls.TlsFinding;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;

/**
 * The MDMS endpoint's TLS configuration as a step: the audit's FAIL findings are SECURITY findings of the
 * step (the MDMS breaks a "shall" of NIST SP 800-52r2), its WARN findings evidence; an endpoint that
 * cannot be audited at all is a step error, not a finding.
 */
final class TlsActions {

    private TlsActions() {
    }

    static StepResult audit(Action.TlsAudit audit, StepScope scope) throws StepError, InterruptedException {
        Optional<MdmsGateway> mdms = scope.instruments.mdms();
        URI url = audit.url().isPresent() ? uri(String.valueOf(scope.resolve(audit.url().get())))
                : mdms.flatMap(MdmsGateway::baseUrl).orElseThrow(() -> new StepError(
                        "tls.audit needs a url, or an MDMS in the bench configuration"));
        Optional<Path> ca = audit.ca().isPresent() ? Optional.of(Path.of(String.valueOf(scope.resolve(audit.ca().get()))))
                : mdms.flatMap(MdmsGateway::trustedCa);
        TlsAuditReport report;
        try {
            TlsAuditor.Builder auditor = TlsAuditor.newBuilder();
            if (ca.isPresent()) {
                auditor.trustCa(ca.get());
            }
            report = auditor.build().audit(url);
        } catch (TlsAuditException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("tls.audit interrupted");
            }
            throw new StepError("tls.audit of " + url + ": " + e.getMessage());
        }
        scope.evidence("tls", "versions " + String.join(", ", report.versions()) + "; suites " + report.suites()
                + "; groups " + String.join(", ", report.groups()));
        report.certificate().ifPresent(c -> scope.evidence("tls", "certificate " + c.subject() + ", issuer "
                + c.issuer() + ", " + c.keyAlgorithm() + " " + c.keyBits() + " bits, " + c.signatureAlgorithm()
                + ", valid until " + c.notAfter() + ", trusted " + c.trusted() + ", host match " + c.hostMatches()));
        for (TlsFinding f : report.findings()) {
            if (f.isFailure()) {
                scope.finding(Finding.of(FindingType.SECURITY, "TLS " + f.rule() + ": " + f.message() + " ("
                        + f.reference() + ")"));
            } else {
                scope.evidence("tls", "WARN " + f.rule() + ": " + f.message() + " (" + f.reference() + ")");
            }
        }
        int failures = report.failures().size();
        scope.measurement("tlsFailures", failures);
        scope.measurement("tlsWarnings", report.findings().size() - failures);
        return new StepResult().put("url", url.toString()).put("versions", String.join(",", report.versions()))
                .put("failures", (double) failures)
                .put("warnings", (double) (report.findings().size() - failures))
                .put("handshakes", (double) report.handshakes());
    }

    private static URI uri(String text) throws StepError {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new StepError("tls.audit: not a URL: " + text);
        }
    }
}
