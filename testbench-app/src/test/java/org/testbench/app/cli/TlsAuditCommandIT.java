package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code testbench tls-audit}, {@code mdms} and {@code run security-tls.yaml} against {@code testbench lab
 * --mdms-tls} processes, and the audit checked against testssl.sh (Debian's, a scanner nobody here wrote):
 * every weakness testssl.sh reports on a weak lab server must be among our findings.
 */
class TlsAuditCommandIT {

    private static final String TOKEN = "it-tls-token";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_MDMS_TOKEN", TOKEN,
            "TESTBENCH_KEYSTORE_PASSWORD", "it-tls-keystore");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROFILES = List.of("good", "expired", "null-cipher", "tls10");
    private static final Path TESTSSL = Path.of("/usr/bin/testssl");

    @TempDir
    static Path dir;
    private static final Map<String, Process> processes = new LinkedHashMap<>();
    private static final Map<String, JsonNode> labs = new LinkedHashMap<>();

    @BeforeAll
    static void startOneLabPerProfile() throws Exception {
        for (String profile : PROFILES) {
            processes.put(profile, TestbenchJar.command(ENV, "lab", "--meters", "1", "--no-pty", "--mdms-time-scale",
                            "0.01", "--mdms-tls", profile, "--endpoints", dir.resolve(profile + ".json").toString(),
                            "--dir", dir.resolve(profile).toString())
                    .redirectOutput(dir.resolve(profile + ".out").toFile())
                    .redirectError(dir.resolve(profile + ".err").toFile()).start());
        }
        for (String profile : PROFILES) {
            labs.put(profile, TestbenchJar.awaitEndpoints(processes.get(profile), dir.resolve(profile + ".json"),
                    dir.resolve(profile + ".err")));
        }
    }

    @AfterAll
    static void stopLabs() throws Exception {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("lab stops on SIGTERM").isTrue();
        }
    }

    private static String url(String profile) {
        return labs.get(profile).get("mdms").get("url").asText();
    }

    private static String ca(String profile) {
        return labs.get(profile).get("mdms").get("ca").asText();
    }

    private static TestbenchJar.Result audit(String profile) throws Exception {
        return TestbenchJar.run(Map.of(), "tls-audit", url(profile), "--ca", ca(profile), "--json");
    }

    private static List<String> failedRules(JsonNode report) {
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals("FAIL")) {
                rules.add(f.get("rule").asText());
            }
        });
        return rules;
    }

    @Test
    void theEndpointsFileGivesTheHttpsUrlAndTheCa() {
        JsonNode mdms = labs.get("good").get("mdms");
        assertThat(mdms.get("url").asText()).startsWith("https://127.0.0.1:");
        assertThat(Path.of(mdms.get("ca").asText())).isRegularFile();
        assertThat(mdms.get("spec").asText()).endsWith("mdms-v1.yaml");
    }

    @Test
    void goodProfilePassesWithTheContractShape() throws Exception {
        TestbenchJar.Result r = audit("good");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("url").asText()).isEqualTo(url("good"));
        assertThat(report.get("versions")).extracting(JsonNode::asText).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(report.get("suites").get("TLSv1.3")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        assertThat(report.get("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder("secp256r1", "secp384r1");
        assertThat(report.get("certificate").get("keyBits").asInt()).isEqualTo(2048);
        assertThat(report.get("certificate").get("trusted").asBoolean()).isTrue();
        assertThat(failedRules(report)).isEmpty();
        report.get("findings").forEach(f -> assertThat(f.fieldNames()).toIterable()
                .containsExactly("rule", "severity", "message", "reference"));
    }

    @Test
    void weakProfileExitsOneAndNamesTheRule() throws Exception {
        TestbenchJar.Result r = audit("expired");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(failedRules(JSON.readTree(r.out()))).contains("CERT-EXPIRED");

        TestbenchJar.Result text = TestbenchJar.run(Map.of(), "tls-audit", url("expired"), "--ca", ca("expired"));
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("FAIL CERT-EXPIRED").contains("Result: FAIL");
    }

    @Test
    void anEndpointThatDoesNotAnswerIsBadInput() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "tls-audit", "https://127.0.0.1:" + port);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("testbench tls-audit: cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void theBenchClientTalksToTheGoodProfileAndRefusesAWeakOne() throws Exception {
        String serial = labs.get("good").get("meters").get(0).get("serial").asText();
        TestbenchJar.Result good = TestbenchJar.run(ENV, "mdms", "meter.get", "--url", url("good"), "--binding",
                labs.get("good").get("mdms").get("binding").asText(), "--ca", ca("good"), "--param", "serial=" + serial);
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();

        TestbenchJar.Result weak = TestbenchJar.run(ENV, "mdms", "meter.get", "--url", url("tls10"), "--binding",
                labs.get("tls10").get("mdms").get("binding").asText(), "--ca", ca("tls10"), "--param", "serial=" + serial);
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.out() + weak.err()).contains("TRANSPORT").contains("TLS handshake failed");
    }

    @Test
    void theSecuritySequenceRunsOverHttpsWithTheCaOfTheEndpointsFile() throws Exception {
        Path sequence = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples")
                .resolve("sequences/security-tls.yaml");
        TestbenchJar.Result good = TestbenchJar.run(ENV, "run", sequence.toString(), "--lab",
                dir.resolve("good.json").toString(), "--db", "jdbc:h2:file:" + dir.resolve("good-db"), "--json");
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();

        TestbenchJar.Result weak = TestbenchJar.run(ENV, "run", sequence.toString(), "--lab",
                dir.resolve("null-cipher.json").toString(), "--db", "jdbc:h2:file:" + dir.resolve("weak-db"), "--json");
        assertThat(weak.exitCode()).as(weak.out() + weak.err()).isEqualTo(1);
        assertThat(weak.out()).contains("SECURITY").contains("TLS-SUITE-NULL");
    }

    /**
     * testssl.sh against the same weak servers, with a restricted set of checks to keep the time down (the
     * full scans of every profile are in the benchmark). Each testssl.sh id that reports a weakness maps to
     * the rules of ours that report the same weakness; at least one of them must be among our findings.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstTestssl {

        /** testssl.sh id -> our rules that report the same weakness (any one suffices). */
        private static final Map<String, Set<String>> SAME_WEAKNESS = Map.ofEntries(
                Map.entry("SSLv2", Set.of("TLS-VERSION-FORBIDDEN")),
                Map.entry("SSLv3", Set.of("TLS-VERSION-FORBIDDEN")),
                Map.entry("TLS1", Set.of("TLS-VERSION-FORBIDDEN")),
                // "not offered and downgraded to a weaker protocol": the server's best is older than TLS 1.1.
                Map.entry("TLS1_1", Set.of("TLS-VERSION-DISCOURAGED", "TLS-VERSION-FORBIDDEN")),
                Map.entry("TLS1_2", Set.of("TLS-VERSION-12-MISSING")),
                Map.entry("TLS1_3", Set.of("TLS-VERSION-13-MISSING")),
                Map.entry("cipherlist_NULL", Set.of("TLS-SUITE-NULL")),
                Map.entry("cipherlist_aNULL", Set.of("TLS-SUITE-ANON")),
                Map.entry("cipherlist_EXPORT", Set.of("TLS-SUITE-EXPORT")),
                Map.entry("cipherlist_LOW", Set.of("TLS-SUITE-DES", "TLS-SUITE-EXPORT")),
                Map.entry("cipherlist_3DES_IDEA", Set.of("TLS-SUITE-DES", "TLS-SUITE-OTHER-CIPHER")),
                // Non-AEAD suites: CBC (tolerated, a WARN), or a cipher that is not allowed at all.
                Map.entry("cipherlist_OBSOLETED", Set.of("TLS-SUITE-CBC", "TLS-SUITE-CAMELLIA", "TLS-SUITE-OTHER-CIPHER",
                        "TLS-SUITE-NO-FORWARD-SECRECY", "TLS-SUITE-DES")),
                Map.entry("cipherlist_AVERAGE", Set.of("TLS-SUITE-CBC", "TLS-SUITE-CAMELLIA", "TLS-SUITE-OTHER-CIPHER",
                        "TLS-SUITE-NO-FORWARD-SECRECY")),
                // "STRONG not offered": no AEAD suite with forward secrecy.
                Map.entry("cipherlist_STRONG", Set.of("TLS-SUITE-NONE-APPROVED", "TLS-SUITE-CBC")),
                // testssl.sh leaves NULL and anonymous suites out of its forward-secrecy test.
                Map.entry("PFS", Set.of("TLS-SUITE-NONE-APPROVED", "TLS-SUITE-NO-FORWARD-SECRECY", "TLS-GROUP-WEAK",
                        "TLS-VERSION-FORBIDDEN")),
                Map.entry("cert_expirationStatus", Set.of("CERT-EXPIRED")),
                Map.entry("cert_notAfter", Set.of("CERT-EXPIRED")),
                Map.entry("cert_notBefore", Set.of("CERT-NOT-YET-VALID")),
                Map.entry("cert_validityPeriod", Set.of("CERT-VALIDITY-PERIOD")),
                Map.entry("cert_chain_of_trust", Set.of("CERT-UNTRUSTED", "CERT-EXPIRED", "CERT-NOT-YET-VALID")),
                Map.entry("cert_trust", Set.of("CERT-HOSTNAME")),
                Map.entry("cert_keySize", Set.of("CERT-KEY-SIZE")),
                Map.entry("cert_signatureAlgorithm", Set.of("CERT-SIGNATURE")),
                Map.entry("cert_subjectAltName", Set.of("CERT-SAN-MISSING")),
                Map.entry("cert_extKeyUsage", Set.of("CERT-EKU")),
                Map.entry("OCSP_stapling", Set.of("TLS-OCSP-STAPLING")));
        /**
         * testssl.sh ids that are not a property of the TLS endpoint: a DNS CAA record belongs to the name
         * in DNS (the lab is reached by IP address).
         */
        private static final Set<String> NOT_ABOUT_THE_ENDPOINT = Set.of("DNS_CAArecord");
        private static final Set<String> WEAKNESS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

        /** The three scans run at once (testssl.sh mostly waits): the class takes as long as the longest. */
        private final Map<String, CompletableFuture<JsonNode>> scans = new LinkedHashMap<>();

        @BeforeAll
        void startScans() {
            if (!Files.isExecutable(TESTSSL)) {
                return;
            }
            scan("null-cipher", "-p", "-s", "-f", "-S");
            scan("tls10", "-p", "-s", "-f");
            scan("expired", "-S");
        }

        private void scan(String profile, String... checks) {
            scans.put(profile, CompletableFuture.supplyAsync(() -> {
                try {
                    return testssl(profile, checks);
                } catch (Exception e) {
                    throw new IllegalStateException("testssl.sh on " + profile + ": " + e.getMessage(), e);
                }
            }));
        }

        private JsonNode testssl(String profile, String... checks) throws Exception {
            Path json = dir.resolve("testssl-" + profile + ".json");
            List<String> cmd = new ArrayList<>(List.of(TESTSSL.toString(), "--warnings", "off", "--color", "0",
                    "--quiet", "--add-ca", ca(profile), "--jsonfile", json.toString()));
            cmd.addAll(List.of(checks));
            cmd.add(url(profile).substring("https://".length()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("testssl-" + profile + ".txt").toFile()).start();
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("testssl.sh ends within 150 s").isTrue();
            return JSON.readTree(json.toFile());
        }

        private void compare(String profile) throws Exception {
            assumeTrue(Files.isExecutable(TESTSSL), "testssl.sh is not installed at " + TESTSSL
                    + " (scripts/install-deps.sh installs Debian's testssl.sh)");
            CompletableFuture<JsonNode> theirs = scans.get(profile);
            JsonNode ours = JSON.readTree(audit(profile).out());
            Set<String> ourRules = new HashSet<>();
            ours.get("findings").forEach(f -> ourRules.add(f.get("rule").asText()));

            List<String> reported = new ArrayList<>();
            for (JsonNode entry : theirs.get(180, TimeUnit.SECONDS)) {
                String id = entry.get("id").asText();
                if (!WEAKNESS.contains(entry.get("severity").asText()) || NOT_ABOUT_THE_ENDPOINT.contains(id)) {
                    continue;
                }
                reported.add(id);
                String what = "testssl.sh " + id + " (" + entry.get("severity").asText() + ": "
                        + entry.get("finding").asText() + ")";
                assertThat(SAME_WEAKNESS).as("%s has no counterpart among our rules", what).containsKey(id);
                assertThat(ourRules).as("%s is not among our findings %s", what, ourRules)
                        .containsAnyElementsOf(SAME_WEAKNESS.get(id));
            }
            assertThat(reported).as("testssl.sh reports the seeded weakness of " + profile).isNotEmpty();
        }

        @Test
        void nullCipher() throws Exception {
            compare("null-cipher");
        }

        @Test
        void tls10() throws Exception {
            compare("tls10");
        }

        @Test
        void expiredCertificate() throws Exception {
            compare("expired");
        }
    }
}
