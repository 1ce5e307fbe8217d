package org.testbench.app.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testbench.mdms.tls.CertificateFacts;
import org.testbench.mdms.tls.NistRules;
import org.testbench.mdms.tls.TlsAuditException;
import org.testbench.mdms.tls.TlsAuditReport;
import org.testbench.mdms.tls.TlsAuditor;
import org.testbench.mdms.tls.TlsFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tls-audit", mixinStandardHelpOptions = true,
        description = {"Audits the TLS configuration of an MDMS endpoint against NIST SP 800-52 Rev. 2: probes each "
                + "protocol version (SSL 3.0 to TLS 1.3), each cipher suite and each key-exchange group on its own "
                + "handshake (Bouncy Castle's low-level client, which can offer what the JDK refuses), fetches the "
                + "certificate chain and checks expiry, trust, host name, key size, signature algorithm, "
                + "subjectAltName, extended key usage and validity period.",
                "Prints the offered versions, suites and groups, the certificate facts, and the findings "
                        + "(FAIL: the guideline says shall; WARN: should, or tolerated), each with its rule and "
                        + "reference."},
        footer = {"", "JSON (--json):",
                "  {\"url\":...,\"versions\":[\"TLSv1.2\",...],\"suites\":{\"TLSv1.2\":[\"TLS_...\",...]},"
                        + "\"groups\":[\"secp256r1\",...],",
                "   \"certificate\":{\"subject\":...,\"notAfter\":...,\"keyAlgorithm\":\"RSA\",\"keyBits\":2048,"
                        + "\"trusted\":true,...},",
                "   \"findings\":[{\"rule\":\"TLS-SUITE-NULL\",\"severity\":\"FAIL|WARN\",\"message\":...,"
                        + "\"reference\":\"NIST SP 800-52r2 §3.3.1\"}]}",
                "", "Exit codes: 0 no FAIL finding; 1 at least one FAIL finding; 2 bad input, or the endpoint "
                        + "cannot be reached or speaks no TLS.",
                "", "Examples:",
                "  testbench tls-audit https://mdms.utility.example:8443 --ca utility-ca.pem",
                "  testbench tls-audit https://127.0.0.1:40123 --ca /tmp/lab/mdms-tls-ca.pem --json"})
final class TlsAuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The MDMS's https:// base URL.")
    String url;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM file of the CA(s) to trust (the utility's own); default: the JDK's trusted CAs.")
    Path ca;

    @Option(names = "--json", description = "Print one JSON object for machines.")
    boolean json;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Handshakes at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Connect and read timeout of each handshake (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserException("not a URL: " + url + " (" + e.getReason() + ")");
        }
        if (ca != null && !Files.isRegularFile(ca)) {
            throw new UserException("--ca " + ca + ": no such file");
        }
        if (parallel < 1 || parallel > 64 || timeoutSeconds < 1) {
            throw new UserException("--parallel must be 1..64 and --timeout at least 1");
        }
        TlsAuditReport report;
        try {
            TlsAuditor.Builder auditor = TlsAuditor.newBuilder().parallelism(parallel)
                    .timeout(Duration.ofSeconds(timeoutSeconds));
            if (ca != null) {
                auditor.trustCa(ca);
            }
            report = auditor.build().audit(target);
        } catch (TlsAuditException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(TlsAuditJson.of(report)));
        } else {
            print(out, report);
        }
        out.flush();
        return report.hasFailures() ? ExitCode.VERIFICATION_FAILED : ExitCode.OK;
    }

    private static void print(PrintWriter out, TlsAuditReport report) {
        out.printf("TLS audit of %s (%d handshakes, %.1f s), rules: %s%n", report.url(), report.handshakes(),
                report.elapsed().toMillis() / 1000.0, NistRules.standard().source());
        out.printf("Versions: %s%n", report.versions().isEmpty() ? "none" : String.join(", ", report.versions()));
        for (Map.Entry<String, List<String>> e : report.suites().entrySet()) {
            out.printf("Suites %s:%n", e.getKey());
            e.getValue().forEach(s -> out.printf("  %s%n", s));
        }
        out.printf("Groups: %s%n", report.groups().isEmpty() ? "none" : String.join(", ", report.groups()));
        if (report.certificate().isPresent()) {
            CertificateFacts c = report.certificate().get();
            out.printf("Certificate: %s%n", c.subject());
            out.printf("  issuer %s%n", c.issuer());
            out.printf("  valid %s .. %s (%d days)%n", c.notBefore(), c.notAfter(), c.validityDays());
            out.printf("  key %s %d bits, signed %s%n", c.keyAlgorithm(), c.keyBits(), c.signatureAlgorithm());
            out.printf("  names %s; extended key usage %s%n",
                    c.subjectAltNames().isEmpty() ? "(no subjectAltName)" : String.join(", ", c.subjectAltNames()),
                    c.hasExtendedKeyUsage() ? String.join(", ", c.extendedKeyUsage()) : "(none)");
            out.printf("  OCSP stapled: %s%n", report.ocspStapling() ? "yes" : "no");
            out.printf("  trusted: %s; matches %s: %s%n", c.trusted() ? "yes" : "no (" + c.trustProblem().orElse("") + ")",
                    c.host(), c.hostMatches() ? "yes" : "no");
        } else {
            out.println("Certificate: none presented");
        }
        if (report.findings().isEmpty()) {
            out.println("Findings: none");
        } else {
            out.printf("Findings (%d FAIL, %d WARN):%n", report.failures().size(),
                    report.findings().size() - report.failures().size());
            for (TlsFinding f : report.findings()) {
                out.printf("  %-4s %-28s %s [%s]%n", f.severity(), f.rule(), f.message(), f.reference());
            }
        }
        out.println(report.hasFailures() ? "Result: FAIL" : "Result: PASS");
    }
}
