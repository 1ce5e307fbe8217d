package org.testbench.mdms.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.mdms.testing.ReferenceMdms;

/** Each seeded weakness of the lab's HTTPS profiles is found by the audit; the good profile passes. */
class TlsAuditorTests {

    /** The FAIL rules each weak profile must trigger (it may trigger more, as a weakness rarely comes alone). */
    private static final Map<MdmsTlsProfile, List<String>> SEEDED = Map.ofEntries(
            Map.entry(MdmsTlsProfile.TLS10, List.of("TLS-VERSION-FORBIDDEN", "TLS-VERSION-12-MISSING")),
            Map.entry(MdmsTlsProfile.NULL_CIPHER, List.of("TLS-SUITE-NULL", "TLS-SUITE-NONE-APPROVED")),
            Map.entry(MdmsTlsProfile.ANON_CIPHER, List.of("TLS-SUITE-ANON", "CERT-MISSING")),
            Map.entry(MdmsTlsProfile.CAMELLIA, List.of("TLS-SUITE-CAMELLIA", "TLS-SUITE-NONE-APPROVED")),
            Map.entry(MdmsTlsProfile.SMALL_CURVE, List.of("TLS-GROUP-WEAK")),
            Map.entry(MdmsTlsProfile.EXPIRED, List.of("CERT-EXPIRED")),
            Map.entry(MdmsTlsProfile.SELF_SIGNED, List.of("CERT-UNTRUSTED")),
            Map.entry(MdmsTlsProfile.WRONG_HOST, List.of("CERT-HOSTNAME")),
            Map.entry(MdmsTlsProfile.RSA1024, List.of("CERT-KEY-SIZE")),
            Map.entry(MdmsTlsProfile.SHA1, List.of("CERT-SIGNATURE")),
            Map.entry(MdmsTlsProfile.LEGACY, List.of("TLS-SUITE-DES", "TLS-SUITE-CHACHA20", "TLS-SUITE-OTHER-CIPHER")),
            Map.entry(MdmsTlsProfile.CERT_PROFILE, List.of("CERT-NOT-YET-VALID", "CERT-SAN-MISSING", "CERT-EKU",
                    "CERT-VALIDITY-PERIOD", "CERT-HOSTNAME")));
    /** The WARN rules a profile must trigger. */
    private static final Map<MdmsTlsProfile, List<String>> SEEDED_WARNINGS = Map.of(
            MdmsTlsProfile.TLS10, List.of("TLS-VERSION-13-MISSING", "TLS-SUITE-CBC"),
            MdmsTlsProfile.SMALL_CURVE, List.of("TLS-GROUP-NIST-MISSING", "TLS-GROUP-NOT-RECOMMENDED"),
            MdmsTlsProfile.LEGACY, List.of("TLS-VERSION-DISCOURAGED", "TLS-SUITE-NO-FORWARD-SECRECY",
                    "TLS-GROUP-NOT-RECOMMENDED", "TLS-GROUP-NIST-MISSING", "TLS-VERSION-13-MISSING"));

    @TempDir
    Path dir;

    @Test
    void goodProfilePassesAndReportsWhatItOffers() throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(MdmsTlsProfile.GOOD, dir)) {
            TlsAuditReport report = TlsAuditor.newBuilder().trustCa(server.ca()).build().audit(server.url());

            assertThat(report.failures()).isEmpty();
            // The lab runs no OCSP responder: the one thing short of the guideline is a "should".
            assertThat(report.findings()).extracting(TlsFinding::rule).containsExactly("TLS-OCSP-STAPLING");
            assertThat(report.ocspStapling()).isFalse();
            assertThat(report.versions()).containsExactly("TLSv1.2", "TLSv1.3");
            assertThat(report.suites().get("TLSv1.3"))
                    .containsExactlyInAnyOrder("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
            assertThat(report.suites().get("TLSv1.2")).containsExactlyInAnyOrder(
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
            assertThat(report.groups()).containsExactlyInAnyOrder("secp256r1", "secp384r1");
            CertificateFacts cert = report.certificate().orElseThrow();
            assertThat(cert.trusted()).isTrue();
            assertThat(cert.hostMatches()).isTrue();
            assertThat(cert.keyAlgorithm()).isEqualTo("RSA");
            assertThat(cert.keyBits()).isEqualTo(2048);
            assertThat(cert.signatureAlgorithm()).isEqualTo("SHA256withRSA");
            assertThat(cert.subjectAltNames()).contains("DNS:localhost", "IP:127.0.0.1");
            assertThat(cert.extendedKeyUsage()).containsExactly("serverAuth");
        }
    }

    /** Rules no lab server can seed: Bouncy Castle serves neither RC4 nor export suites (NistRulesTests). */
    private static final Set<String> NOT_SERVABLE = Set.of("TLS-SUITE-RC4", "TLS-SUITE-EXPORT");

    @Test
    void eachProfileSeedsItsWeaknessAndTogetherTheySeedEveryRule() throws Exception {
        Set<String> triggered = new HashSet<>();
        for (MdmsTlsProfile profile : MdmsTlsProfile.weakProfiles()) {
            try (ReferenceMdms server = ReferenceMdms.start(profile, Files.createDirectories(dir.resolve(
                    profile.externalName())))) {
                TlsAuditReport report = TlsAuditor.newBuilder().trustCa(server.ca()).build().audit(server.url());

                List<String> failed = report.failures().stream().map(TlsFinding::rule).toList();
                assertThat(failed).as("FAIL findings for %s: %s", profile, report.findings())
                        .containsAll(SEEDED.get(profile));
                assertThat(report.findings().stream().filter(f -> !f.isFailure()).map(TlsFinding::rule))
                        .as("WARN findings for %s", profile)
                        .containsAll(SEEDED_WARNINGS.getOrDefault(profile, List.of()));
                assertThat(report.findings()).allSatisfy(f -> assertThat(f.reference()).startsWith("NIST SP 800-52r2 §"));
                triggered.addAll(report.ruleIds());
            }
        }
        triggered.addAll(NOT_SERVABLE);
        assertThat(triggered).as("every rule of the data is seeded by a lab profile")
                .containsAll(NistRules.standard().rules().stream().map(NistRule::id).toList());
    }

    @Test
    void offersEverySuiteOnItsOwnHandshake() throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(MdmsTlsProfile.CAMELLIA, dir)) {
            TlsAuditReport report = TlsAuditor.newBuilder().trustCa(server.ca()).build().audit(server.url());

            assertThat(report.versions()).containsExactly("TLSv1.2");
            assertThat(report.suites().get("TLSv1.2")).containsExactlyInAnyOrder(
                    "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384");
            assertThat(report.handshakes()).isGreaterThan(50);
        }
    }

    @Test
    void namesGroupsAsTheIanaRegistryDoes() throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(MdmsTlsProfile.LEGACY, dir)) {
            TlsAuditReport report = TlsAuditor.newBuilder().trustCa(server.ca()).build().audit(server.url());

            assertThat(report.groups()).containsExactlyInAnyOrder("x25519", "brainpoolP256r1");
            assertThat(report.versions()).containsExactly("TLSv1.1", "TLSv1.2");
        }
    }

    @Test
    void withoutTheLabCaTheGoodServerIsUntrusted() throws Exception {
        try (ReferenceMdms server = ReferenceMdms.start(MdmsTlsProfile.GOOD, dir)) {
            TlsAuditReport report = TlsAuditor.newBuilder().build().audit(server.url());

            assertThat(report.failures()).extracting(TlsFinding::rule).containsExactly("CERT-UNTRUSTED");
            assertThat(report.certificate().orElseThrow().trustProblem()).get().asString()
                    .contains("the JDK's trusted CAs");
        }
    }

    @Test
    void aPortWithoutAServerIsAnErrorNotAFinding() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("https://127.0.0.1:" + port);
        assertThatThrownBy(() -> TlsAuditor.newBuilder().build().audit(url))
                .isInstanceOf(TlsAuditException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void plainHttpUrlIsRefused() {
        assertThatThrownBy(() -> TlsAuditor.newBuilder().build().audit(URI.create("http://127.0.0.1:1")))
                .isInstanceOf(TlsAuditException.class).hasMessageContaining("not an https:// URL");
    }
}
