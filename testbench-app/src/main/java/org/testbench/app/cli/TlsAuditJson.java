package org.testbench.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testbench.mdms.tls.CertificateFacts;
import org.testbench.mdms.tls.TlsAuditReport;

/** The JSON shape of {@code tls-audit --json}: a contract (docs/json-output.md, issue 9). */
final class TlsAuditJson {

    private TlsAuditJson() {
    }

    static Map<String, Object> of(TlsAuditReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("url", report.url().toString());
        root.put("versions", report.versions());
        root.put("suites", report.suites());
        root.put("groups", report.groups());
        root.put("certificate", report.certificate().map(TlsAuditJson::certificate).orElse(null));
        root.put("ocspStapling", report.ocspStapling());
        root.put("findings", report.findings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("severity", f.severity().name());
            m.put("message", f.message());
            m.put("reference", f.reference());
            return m;
        }).toList());
        root.put("handshakes", report.handshakes());
        root.put("elapsedMillis", report.elapsed().toMillis());
        return root;
    }

    private static Map<String, Object> certificate(CertificateFacts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.serialNumber());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("validityDays", c.validityDays());
        m.put("keyAlgorithm", c.keyAlgorithm());
        m.put("keyBits", c.keyBits());
        m.put("signatureAlgorithm", c.signatureAlgorithm());
        m.put("subjectAltNames", c.subjectAltNames());
        m.put("extendedKeyUsage", c.hasExtendedKeyUsage() ? c.extendedKeyUsage() : null);
        m.put("selfSigned", c.selfSigned());
        m.put("host", c.host());
        m.put("hostMatches", c.hostMatches());
        m.put("trusted", c.trusted());
        m.put("trustProblem", c.trustProblem().orElse(null));
        List<Map<String, Object>> chain = c.chain().stream().map(link -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("subject", link.subject());
            l.put("issuer", link.issuer());
            l.put("signatureAlgorithm", link.signatureAlgorithm());
            l.put("keyAlgorithm", link.keyAlgorithm());
            l.put("keyBits", link.keyBits());
            return l;
        }).toList();
        m.put("chain", chain);
        return m;
    }
}
