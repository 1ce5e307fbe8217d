package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library on a lab of mixed meter types, through the built jar: {@code testbench lab --meter-types} mounts
 * one meter of each type, and every sample sequence that applies passes on every position with the type's
 * profile from the endpoints file. A sequence that needs an object a type lacks (the load-switch sequences on a
 * meter without disconnect control) is an ERROR for that position that says so, before any step runs; the
 * other positions of the same run still pass.
 */
class MixedMeterTypesIT {

    private static final List<String> TYPES = List.of("testbench-virtual", "lls-reader", "hls-only", "alt-obis",
            "direct-hdlc", "manual-reconnect", "hls-sha256", "ext-register", "float-kwh");
    private static final String NO_DISCONNECTOR = "alt-obis";
    private static final String TLS_PASSWORD = "mixed-it-identity";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_KEYSTORE_PASSWORD", "mixed-it-keystore",
            "TESTBENCH_MDMS_TOKEN", "mixed-it-mdms-token-0123", "TESTBENCH_TLS_PASSWORD", TLS_PASSWORD);
    private static final Path SEQUENCES = Path.of("..", "samples", "sequences").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Process lab;
    private static JsonNode endpoints;

    @BeforeAll
    static void startLab() throws Exception {
        Path file = dir.resolve("endpoints.json");
        lab = TestbenchJar.command(ENV, "lab", "--meters", Integer.toString(TYPES.size()), "--meter-types",
                        String.join(",", TYPES), "--endpoints", file.toString(), "--dir", dir.resolve("lab").toString(),
                        "--no-pty", "--mdms-time-scale", "0.1")
                .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile()).start();
        endpoints = TestbenchJar.awaitEndpoints(lab, file, dir.resolve("lab.err"));
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).as("lab stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theLabMountsOneMeterOfEachTypeWithItsProfile() {
        for (int i = 0; i < TYPES.size(); i++) {
            JsonNode m = endpoints.get("meters").get(i);
            assertThat(m.get("type").asText()).isEqualTo(TYPES.get(i));
            assertThat(Path.of(m.get("profile").asText())).exists();
        }
    }

    /** Sequences every type supports: they read the meter through its reader, whatever that client is. */
    @ParameterizedTest
    @ValueSource(strings = {"identity", "functions", "timestamps", "event-tamper"})
    void passesOnEveryType(String sequence) throws Exception {
        JsonNode run = run(sequence);
        for (JsonNode p : run.get("positions")) {
            if (sequence.startsWith("event-")) {
                assertThat(EventWindow.passedButForLatency(p)).as("%s on %s: %s", sequence, type(p), p).isTrue();
            } else {
                assertThat(p.get("verdict").asText()).as("%s on %s: %s", sequence, type(p), p).isEqualTo("PASS");
            }
        }
    }

    /**
     * Sequences that switch the load: PASS on every type with a disconnect control (the bench completes
     * manual-reconnect's armed reconnection with the meter's button, after the meter's own close in security-dlms
     * and after the MDMS's in e2e-load-switch, whose MDMS reports the relay ARMED until then); ERROR on the type
     * without, naming the step and the object.
     */
    @ParameterizedTest
    @ValueSource(strings = {"e2e-load-switch", "security-dlms"})
    void passesWhereTheTypeCanSwitchAndSaysWhyNotElsewhere(String sequence) throws Exception {
        JsonNode run = run(sequence);
        for (JsonNode p : run.get("positions")) {
            if (type(p).equals(NO_DISCONNECTOR)) {
                assertThat(p.get("verdict").asText()).as("%s on %s", sequence, type(p)).isEqualTo("ERROR");
                assertThat(p.get("message").asText()).startsWith("the sequence does not apply to meter type ")
                        .contains("needs its disconnectControl").contains("marks none");
                assertThat(p.get("findings")).isEmpty();
            } else {
                assertThat(p.get("verdict").asText()).as("%s on %s: %s", sequence, type(p), p).isEqualTo("PASS");
            }
        }
    }

    private static JsonNode run(String sequence, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", SEQUENCES.resolve(sequence + ".yaml").toString(),
                "--lab", dir.resolve("endpoints.json").toString(), "--db", "jdbc:h2:file:" + dir.resolve("results"),
                "--json"));
        if (sequence.equals("security-dlms")) {
            args.addAll(List.of("--identity", benchIdentity().toString()));
        }
        args.addAll(List.of(more));
        TestbenchJar.Result r = TestbenchJar.run(new HashMap<>(ENV), args.toArray(String[]::new));
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("positions")).as(r.err()).hasSize(more.length == 0 ? TYPES.size() : 5);
        return json;
    }

    /** The bench's identity, an EC P-256 key pair: the recipient of the keys the MDMS delivers. */
    private static Path benchIdentity() throws Exception {
        Path identity = dir.resolve("bench.p12");
        if (!java.nio.file.Files.exists(identity)) {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=mixed-it", "-validity", "2", "-storetype", "PKCS12", "-keystore", identity.toString(),
                    "-storepass", TLS_PASSWORD).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keytool.out").toFile()).start();
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        }
        return identity;
    }

    private static String type(JsonNode position) {
        return TYPES.get(position.get("position").asInt() - 1);
    }
}
