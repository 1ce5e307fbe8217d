package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code testbench mdms} against {@code testbench lab} processes, one for the correct MDMS and one per
 * {@code --mdms-faults} profile (started together, once): each call shows the outcome and the findings
 * the profile should produce, and where no single answer can tell (stale registers, a state written
 * before the meter executed), the meter's own optical port is the independent witness.
 */
class MdmsCommandIT {

    private static final String TOKEN = "it-mdms-token";
    private static final String KEYSTORE_PASSWORD = "it-keystore-password";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_MDMS_TOKEN", TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROFILES = List.of("correct", "write-before-execute", "opaque-errors",
            "generic-200", "no-status", "unreachable-as-500", "stale-registers");
    /** Besides the fault profiles of the reference API: the metercloud dialect, whose words are not the bench's. */
    private static final String METERCLOUD = "metercloud";
    /** Commands execute in a hundredth of the RF latency; the bench polls their status every 0.2 s. */
    private static final String[] FAST = {"--poll-interval", "0.2"};

    @TempDir
    static Path dir;
    private static final Map<String, Process> processes = new LinkedHashMap<>();
    private static final Map<String, JsonNode> labs = new LinkedHashMap<>();

    @BeforeAll
    static void startOneLabPerProfile() throws Exception {
        List<String> all = new ArrayList<>(PROFILES);
        all.add(METERCLOUD);
        for (String profile : all) {
            List<String> args = new ArrayList<>(List.of("lab", "--meters", "1", "--no-pty", "--mdms-time-scale", "0.01",
                    "--endpoints", dir.resolve(profile + ".json").toString(), "--dir", dir.resolve(profile).toString()));
            if (profile.equals(METERCLOUD)) {
                args.addAll(List.of("--mdms-dialect", METERCLOUD));
            } else if (!profile.equals("correct")) {
                args.addAll(List.of("--mdms-faults", profile));
            }
            processes.put(profile, TestbenchJar.command(Map.of("TESTBENCH_MDMS_TOKEN", TOKEN,
                            "TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD), args.toArray(String[]::new))
                    .redirectOutput(dir.resolve(profile + ".out").toFile())
                    .redirectError(dir.resolve(profile + ".err").toFile()).start());
        }
        for (String profile : all) {
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

    private static String serial(String profile) {
        return labs.get(profile).get("meters").get(0).get("serial").asText();
    }

    /** {@code testbench mdms --url … --binding …} with the lab's URL and binding, then the arguments. */
    private static TestbenchJar.Result mdms(String profile, Map<String, String> env, String... args) throws Exception {
        JsonNode mdms = labs.get(profile).get("mdms");
        List<String> all = new ArrayList<>(List.of("mdms", "--url", mdms.get("url").asText(), "--binding",
                mdms.get("binding").asText()));
        all.addAll(List.of(args));
        return TestbenchJar.run(env, all.toArray(String[]::new));
    }

    private static TestbenchJar.Result mdms(String profile, String... args) throws Exception {
        return mdms(profile, ENV, args);
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static JsonNode json(TestbenchJar.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static List<String> findingTypes(JsonNode json) {
        return json.get("findings").findValuesAsText("type");
    }

    private static void bench(String profile, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("bench", "--port", labs.get(profile).get("bench").get("scpi").asText()));
        all.addAll(List.of(args));
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** The meter itself, over its optical port: the witness the MDMS cannot influence. */
    private static JsonNode readMeter(String profile) throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port",
                labs.get(profile).get("meters").get(0).get("optical").asText(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return json(r);
    }

    @Nested
    class Correct {

        @Test
        void loadSwitchOpenIsFollowedToExecuted() throws Exception {
            TestbenchJar.Result open = mdms("correct", with(FAST, "loadSwitch.open", "--param", "serial=" + serial("correct"),
                    "--json"));

            assertThat(open.exitCode()).as(open.err()).isZero();
            JsonNode json = json(open);
            assertThat(json.get("capability").asText()).isEqualTo("loadSwitch.open");
            assertThat(json.get("outcome").asText()).isEqualTo("OK");
            assertThat(json.get("status").asInt()).isEqualTo(202);
            assertThat(json.get("body").get("status").asText()).isEqualTo("PENDING");
            assertThat(json.get("findings")).isEmpty();
            JsonNode command = json.get("command");
            assertThat(command.get("id").asText()).isEqualTo(json.get("values").get("commandId").asText());
            assertThat(command.get("status").asText()).isEqualTo("EXECUTED");
            assertThat(command.get("rawStatus").asText()).as("the reference API's word is the bench's")
                    .isEqualTo("EXECUTED");
            assertThat(command.get("ending").asText()).isEqualTo("EXECUTED");
            assertThat(command.get("polls").asInt()).isPositive();

            TestbenchJar.Result status = mdms("correct", "loadSwitch.status", "--param", "serial=" + serial("correct"));
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("loadSwitch.status: OK, HTTP 200").containsPattern("state +OPEN")
                    .containsPattern("source +METER").contains("no findings");
            assertThat(readMeter("correct").get("loadSwitch").get("outputState").asBoolean()).isFalse();
        }

        @Test
        void anUnknownMeterIsRejectedWithAClearMessage() throws Exception {
            TestbenchJar.Result r = mdms("correct", "meter.get", "--param", "serial=99999999", "--json");

            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode json = json(r);
            assertThat(json.get("outcome").asText()).isEqualTo("REJECTED");
            assertThat(json.get("status").asInt()).isEqualTo(404);
            assertThat(json.get("findings")).isEmpty();
            assertThat(json.get("message").asText()).contains("METER_NOT_FOUND");
        }

        @Test
        void aMeterCutOffFromTheAmiIsMeterUnreachable() throws Exception {
            bench("correct", "ami-link", "1", "off");
            try {
                TestbenchJar.Result r = mdms("correct", "registers.read", "--param", "serial=" + serial("correct"),
                        "--param", "obis=1.0.1.8.0.255", "--json");

                assertThat(r.exitCode()).isEqualTo(1);
                JsonNode json = json(r);
                assertThat(json.get("outcome").asText()).isEqualTo("METER_UNREACHABLE");
                assertThat(json.get("status").asInt()).isEqualTo(504);
                assertThat(json.get("findings")).isEmpty();
            } finally {
                bench("correct", "ami-link", "1", "on");
            }
        }

        @Test
        void keysGetPrintsTheFingerprintsOfTheMetersKeysNeverTheKeys() throws Exception {
            Path identity = dir.resolve("bench.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=bench-it",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", identity.toString(),
                    "-storepass", "it-tls-password").redirectErrorStream(true).start();
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
            String serial = serial("correct");

            TestbenchJar.Result r = mdms("correct", Map.of("TESTBENCH_MDMS_TOKEN", TOKEN, "TESTBENCH_TLS_PASSWORD",
                    "it-tls-password"), "keys.get", "--param", "serial=" + serial, "--identity", identity.toString(), "--json");

            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode keys = json(r).get("keys");
            assertThat(keys.get("delivered").asBoolean()).isTrue();
            byte[] ek = meterKey(serial + ".ek");
            byte[] ak = meterKey(serial + ".ak");
            assertThat(keys.get("ekFingerprint").asText()).isEqualTo(fingerprint(ek));
            assertThat(keys.get("akFingerprint").asText()).isEqualTo(fingerprint(ak));
            assertThat(json(r).get("body").get("envelope").asText()).endsWith("not shown)");
            for (byte[] key : List.of(ek, ak)) {
                for (String form : List.of(HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key),
                        Base64.getEncoder().encodeToString(key))) {
                    assertThat(r.out() + r.err()).doesNotContain(form);
                }
            }
        }

        private byte[] meterKey(String alias) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(labs.get("correct").get("keystore").asText())) {
                store.load(in, KEYSTORE_PASSWORD.toCharArray());
            }
            return store.getKey(alias, KEYSTORE_PASSWORD.toCharArray()).getEncoded();
        }

        private static String fingerprint(byte[] key) throws Exception {
            return "SHA-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        }

        @Test
        void aSuggestedBindingFindsItsSpecWithoutSpecOption() throws Exception {
            Path binding = dir.resolve("suggested").resolve("mdms.binding.yaml");
            TestbenchJar.Result imported = TestbenchJar.run(Map.of(), "import",
                    labs.get("correct").get("mdms").get("spec").asText(), "--binding-out", binding.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();

            TestbenchJar.Result r = TestbenchJar.run(ENV, "mdms", "--url",
                    labs.get("correct").get("mdms").get("url").asText(), "--binding", binding.toString(), "meter.get",
                    "--param", "serial=" + serial("correct"));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("meter.get: OK, HTTP 200").contains("no findings");
        }
    }

    @Test
    void opaqueErrorsTurnAnUnknownMeterIntoAServerErrorWithoutMessage() throws Exception {
        TestbenchJar.Result r = mdms("opaque-errors", "meter.get", "--param", "serial=99999999", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = json(r);
        assertThat(json.get("outcome").asText()).isEqualTo("SERVER_ERROR");
        assertThat(json.get("status").asInt()).isEqualTo(500);
        assertThat(findingTypes(json)).contains("UNCLEAR_ERROR");
        assertThat(r.err()).contains("verification failed: meter.get: SERVER_ERROR");
    }

    @Test
    void generic200AcceptsACommandWithNothingToFollow() throws Exception {
        TestbenchJar.Result r = mdms("generic-200", with(FAST, "loadSwitch.open", "--param", "serial="
                + serial("generic-200"), "--json"));

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = json(r);
        assertThat(json.get("outcome").asText()).isEqualTo("OK");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(findingTypes(json)).contains("UNDOCUMENTED_STATUS", "MISSING_VALUE");
        assertThat(json.has("command")).as("nothing to follow").isFalse();
    }

    @Nested
    class NoStatus {

        @Test
        void theLoadSwitchStatusCannotBeAskedFor() throws Exception {
            TestbenchJar.Result r = mdms("no-status", "loadSwitch.status", "--param", "serial=" + serial("no-status"),
                    "--json");

            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode json = json(r);
            assertThat(json.get("outcome").asText()).isEqualTo("SERVER_ERROR");
            assertThat(json.get("status").asInt()).isEqualTo(501);
            assertThat(findingTypes(json)).contains("UNCLEAR_ERROR", "UNDOCUMENTED_STATUS");
        }

        @Test
        void anAcceptedCommandCannotBeFollowed() throws Exception {
            TestbenchJar.Result r = mdms("no-status", with(FAST, "loadSwitch.open", "--param", "serial="
                    + serial("no-status"), "--json"));

            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode json = json(r);
            assertThat(json.get("outcome").asText()).isEqualTo("OK");
            assertThat(json.get("command").get("ending").asText()).isEqualTo("STATUS_QUERY_FAILED");
            assertThat(json.get("command").get("lastStatus").get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void unreachableAs500ReportsAnUnreachableMeterAsItsOwnFault() throws Exception {
        bench("unreachable-as-500", "ami-link", "1", "off");
        try {
            TestbenchJar.Result r = mdms("unreachable-as-500", "registers.read", "--param", "serial="
                    + serial("unreachable-as-500"), "--param", "obis=1.0.1.8.0.255", "--json");

            assertThat(r.exitCode()).isEqualTo(1);
            JsonNode json = json(r);
            assertThat(json.get("outcome").asText()).isEqualTo("SERVER_ERROR").isNotEqualTo("METER_UNREACHABLE");
            assertThat(json.get("status").asInt()).isEqualTo(500);
            assertThat(json.get("body").get("code").asText()).isEqualTo("INTERNAL_ERROR");
        } finally {
            bench("unreachable-as-500", "ami-link", "1", "on");
        }
    }

    @Test
    void staleRegistersAnswerTheFirstValueWhileTheMeterCountsOn() throws Exception {
        String[] read = {"registers.read", "--param", "serial=" + serial("stale-registers"), "--param",
                "obis=1.0.1.8.0.255", "--json"};
        bench("stale-registers", "source", "on", "--voltage", "230", "--current", "60"); // 13.8 kW: ~4 Wh a second
        try {
            TestbenchJar.Result first = mdms("stale-registers", read);
            Thread.sleep(1500);
            TestbenchJar.Result second = mdms("stale-registers", read);
            JsonNode meter = readMeter("stale-registers");

            // Each answer alone looks right: only the meter itself shows that the second is stale.
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.exitCode()).as(second.err()).isZero();
            double stale = json(first).get("values").get("value").asDouble();
            assertThat(json(second).get("values").get("value").asDouble()).isEqualTo(stale);
            assertThat(json(second).get("values").get("readTimestamp").asText())
                    .isGreaterThan(json(first).get("values").get("readTimestamp").asText());
            assertThat(meter.get("objects").get(0).get("value").asDouble()).isGreaterThan(stale + 1);
        } finally {
            bench("stale-registers", "source", "off");
        }
    }

    @Test
    void writeBeforeExecuteReportsASwitchTheMeterNeverMade() throws Exception {
        String serial = serial("write-before-execute");
        bench("write-before-execute", "ami-link", "1", "off");
        TestbenchJar.Result open;
        TestbenchJar.Result status;
        try {
            open = mdms("write-before-execute", with(FAST, "loadSwitch.open", "--param", "serial=" + serial, "--json"));
            status = mdms("write-before-execute", "loadSwitch.status", "--param", "serial=" + serial, "--json");
        } finally {
            bench("write-before-execute", "ami-link", "1", "on");
        }

        assertThat(open.exitCode()).isEqualTo(1);
        assertThat(json(open).get("command").get("ending").asText()).isEqualTo("METER_UNREACHABLE");
        // The MDMS answers the requested state as if read from the meter: a clean answer, exit 0 ...
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(json(status).get("values").get("state").asText()).isEqualTo("OPEN");
        assertThat(json(status).get("values").get("source").asText()).isEqualTo("METER");
        // ... which the meter contradicts: its relay never moved.
        JsonNode loadSwitch = readMeter("write-before-execute").get("loadSwitch");
        assertThat(loadSwitch.get("outputState").asBoolean()).isTrue();
        assertThat(loadSwitch.get("controlState").asText()).isEqualTo("CONNECTED");
    }

    @Nested
    class BadInput {

        @Test
        void anMdmsThatCannotBeReachedIsExitCode2() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            TestbenchJar.Result r = TestbenchJar.run(ENV, "mdms", "--url", "http://127.0.0.1:" + port, "--binding",
                    labs.get("correct").get("mdms").get("binding").asText(), "meter.get", "--param", "serial=1", "--json");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(json(r).get("outcome").asText()).isEqualTo("TRANSPORT");
            assertThat(json(r).get("status").asInt()).isZero();
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("testbench mdms: cannot reach the MDMS: ")
                    .contains("127.0.0.1:" + port);
        }

        @Test
        void anUnboundCapabilityIsExitCode2() throws Exception {
            Path binding = dir.resolve("bindings").resolve("meter-only.binding.yaml");
            Files.createDirectories(binding.getParent());
            Files.writeString(binding, "binding: 1\nspec: " + labs.get("correct").get("mdms").get("spec").asText()
                    + "\ncapabilities:\n  meter.get:\n    operation: getMeter\n    parameters: {serial: '${serial}'}\n");

            TestbenchJar.Result r = TestbenchJar.run(ENV, "mdms", "--url", labs.get("correct").get("mdms").get("url")
                    .asText(), "--binding", binding.toString(), "events.list", "--param", "serial=1");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("testbench mdms: events.list is not bound in " + binding
                    + " (bound: meter.get)");
        }

        @Test
        void aMissingTokenIsNamedBeforeAnythingIsSentAndExitCode2() throws Exception {
            TestbenchJar.Result r = mdms("correct", Map.of(), "meter.get", "--param", "serial=" + serial("correct"));

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("testbench mdms: Testbench reference MDMS API 1.0.0 requires credentials"
                    + " the bench's configuration lacks: bearerAuth (bearer): TESTBENCH_MDMS_TOKEN is not set");
        }

        @Test
        void aWrongTokenIsRefusedCredentialsNamingTheSchemeAndExitCode2() throws Exception {
            TestbenchJar.Result r = mdms("correct", Map.of("TESTBENCH_MDMS_TOKEN", "not-the-lab-token-0123"),
                    "meter.get", "--param", "serial=" + serial("correct"));

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("the MDMS refused the credentials (HTTP 401)").contains("bearer token")
                    .doesNotContain("not-the-lab-token-0123");
        }
    }
    /** An MDMS whose words are not the bench's: the normalised status and the API's own word side by side. */
    @Nested
    class OtherDialect {

        private static final Map<String, String> API_KEY = Map.of("TESTBENCH_MDMS_API_KEY", TOKEN);

        @Test
        void aCommandsStatusIsShownInTheBenchsWordsBesideTheApisRawStatus() throws Exception {
            TestbenchJar.Result open = mdms(METERCLOUD, API_KEY, with(FAST, "loadSwitch.open", "--param",
                    "serial=" + serial(METERCLOUD), "--json"));

            assertThat(open.exitCode()).as(open.err()).isZero();
            JsonNode command = json(open).get("command");
            assertThat(command.get("status").asText()).isEqualTo("EXECUTED");
            assertThat(command.get("rawStatus").asText()).isEqualTo("completed");
            assertThat(json(open).get("finalOutcome").asText()).isEqualTo("EXECUTED");

            TestbenchJar.Result human = mdms(METERCLOUD, API_KEY, with(FAST, "loadSwitch.close", "--param",
                    "serial=" + serial(METERCLOUD)));
            assertThat(human.exitCode()).as(human.err()).isZero();
            assertThat(human.out()).containsPattern("command \\S+: EXECUTED \\(status EXECUTED, rawStatus completed\\)");

            TestbenchJar.Result status = mdms(METERCLOUD, API_KEY, "command.status", "--param",
                    "commandId=" + command.get("id").asText(), "--json");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(json(status).get("values").get("status").asText()).isEqualTo("EXECUTED");
            assertThat(json(status).get("values").get("rawStatus").asText()).isEqualTo("completed");
        }
    }
}
