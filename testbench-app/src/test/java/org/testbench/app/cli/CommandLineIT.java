package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end: {@code testbench lab} in its own process, then {@code read} and
 * {@code switch} against it over TCP and a pseudo-terminal, each a separate JVM running the jar.
 */
class CommandLineIT {

    private static final String PASSWORD = "it-keystore-password";
    private static final String TOKEN = "it-mdms-token-0123456789";
    private static final Map<String, String> WITH_PASSWORD = Map.of("TESTBENCH_KEYSTORE_PASSWORD", PASSWORD,
            "TESTBENCH_MDMS_TOKEN", TOKEN);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Process lab;
    private static JsonNode endpoints;

    @BeforeAll
    static void startLab() throws Exception {
        Path file = dir.resolve("endpoints.json");
        lab = TestbenchJar.command(WITH_PASSWORD, "lab", "--meters", "2", "--endpoints", file.toString(),
                        "--dir", dir.resolve("lab").toString())
                .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile()).start();
        endpoints = TestbenchJar.awaitEndpoints(lab, file, dir.resolve("lab.err"));
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.destroy(); // SIGTERM, as Ctrl+C or a service manager would
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).as("lab stops on SIGTERM").isTrue();
        }
    }

    private static JsonNode meter(int position) {
        return endpoints.get("meters").get(position - 1);
    }

    @Test
    void labWritesItsEndpoints() {
        assertThat(endpoints.get("meters")).hasSize(2);
        JsonNode m = meter(1);
        assertThat(m.get("position").asInt()).isEqualTo(1);
        assertThat(m.get("serial").asText()).matches("\\d{8}");
        assertThat(m.get("optical").asText()).startsWith("tcp:127.0.0.1:");
        assertThat(m.get("ami").asText()).startsWith("tcp:127.0.0.1:");
        assertThat(m.has("opticalPty")).isTrue();
        assertThat(m.get("type").asText()).isEqualTo("testbench-virtual");
        assertThat(Path.of(m.get("profile").asText())).isAbsolute().exists();
        assertThat(Path.of(endpoints.get("keystore").asText())).exists();
        // The embedded broker of the event path (docs/events.md).
        assertThat(endpoints.get("broker").get("url").asText()).startsWith("tcp://127.0.0.1:");
        assertThat(endpoints.get("broker").get("mqtt").asText()).isEqualTo("3.1.1");
    }

    @Test
    void readPrintsJsonOverTheOpticalTcpPort() throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port", meter(1).get("optical").asText(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("serial").asText()).isEqualTo(meter(1).get("serial").asText());
        assertThat(json.get("logicalDeviceName").asText()).isNotBlank();
        assertThat(json.get("firmware").asText()).isNotBlank();
        assertThat(json.get("objects")).hasSize(2);
        assertThat(json.get("objects").get(0).get("obis").asText()).isEqualTo("1.0.1.8.0.255");
        assertThat(json.get("objects").get(0).get("value").isNumber()).isTrue();
        assertThat(json.get("objects").get(0).get("unit").asText()).isEqualTo("Wh");
        assertThat(json.get("loadSwitch").get("outputState").isBoolean()).isTrue();
        assertThat(json.get("loadSwitch").get("controlState").asText()).isIn("CONNECTED", "DISCONNECTED");
        JsonNode frames = json.get("frames");
        assertThat(frames.get("sent").asInt()).isPositive();
        assertThat(frames.get("received").asInt()).isPositive();
        assertThat(frames.get("bytesSent").asInt()).isPositive();
        assertThat(frames.get("bytesReceived").asInt()).isPositive();
    }

    @Test
    void readsTheGivenObisCodesOverThePseudoTerminal() throws Exception {
        JsonNode pty = meter(2).get("opticalPty");
        org.junit.jupiter.api.Assumptions.assumeTrue(pty != null && !pty.isNull(), "socat installed");

        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port", pty.asText(), "--obis",
                "0-0:96.1.0*255,1.0.2.8.0.255");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Meter " + meter(2).get("serial").asText())
                .contains("0.0.96.1.0.255").contains("1.0.2.8.0.255").contains("Wh");
    }

    @Nested
    class Switch {

        @Test
        void opensAndClosesTheLoadSwitch() throws Exception {
            String port = meter(1).get("optical").asText();
            String keystore = endpoints.get("keystore").asText();

            TestbenchJar.Result open = TestbenchJar.run(WITH_PASSWORD, "switch", "--port", port, "--keystore", keystore,
                    "open", "--json");
            assertThat(open.exitCode()).as(open.err()).isZero();
            JsonNode json = JSON.readTree(open.out());
            assertThat(json.get("after").get("outputState").asBoolean()).isFalse();
            assertThat(json.get("confirmed").asBoolean()).isTrue();

            TestbenchJar.Result read = TestbenchJar.run(Map.of(), "read", "--port", meter(1).get("ami").asText(),
                    "--via", "ami", "--json");
            assertThat(JSON.readTree(read.out()).get("loadSwitch").get("outputState").asBoolean()).isFalse();

            TestbenchJar.Result close = TestbenchJar.run(WITH_PASSWORD, "switch", "--port", port, "--keystore",
                    keystore, "close");
            assertThat(close.exitCode()).as(close.err()).isZero();
            assertThat(close.out()).contains("DISCONNECTED -> CONNECTED");
        }

        @Test
        void switchesOverThePseudoTerminal() throws Exception {
            JsonNode pty = meter(2).get("opticalPty");
            org.junit.jupiter.api.Assumptions.assumeTrue(pty != null && !pty.isNull(), "socat installed");
            String keystore = endpoints.get("keystore").asText();

            TestbenchJar.Result open = TestbenchJar.run(WITH_PASSWORD, "switch", "--port", pty.asText(), "--keystore",
                    keystore, "open");
            TestbenchJar.Result close = TestbenchJar.run(WITH_PASSWORD, "switch", "--port", pty.asText(), "--keystore",
                    keystore, "close");

            assertThat(open.exitCode()).as(open.err()).isZero();
            assertThat(open.out()).contains("CONNECTED -> DISCONNECTED (output_state true -> false)");
            assertThat(close.exitCode()).as(close.err()).isZero();
        }

        @Test
        void wrongKeystorePasswordIsOneClearLineAndExitCode2() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of("TESTBENCH_KEYSTORE_PASSWORD", "wrong"), "switch", "--port",
                    meter(1).get("optical").asText(), "--keystore", endpoints.get("keystore").asText(), "open");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").contains("password").doesNotContain("Exception");
        }

        @Test
        void missingPasswordWithoutTerminalSaysWhatToSet() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "switch", "--port", meter(1).get("optical").asText(),
                    "--keystore", endpoints.get("keystore").asText(), "open");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("TESTBENCH_KEYSTORE_PASSWORD");
        }
    }

    @Nested
    class BenchCoupling {

        private String scpi() {
            return endpoints.get("bench").get("scpi").asText();
        }

        private double currentAt(int position) throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "measure", "--position",
                    Integer.toString(position), "--json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode json = JSON.readTree(r.out());
            assertThat(json.get("position").asInt()).isEqualTo(position);
            assertThat(json.get("voltage_V").asDouble()).isGreaterThan(200);
            assertThat(json.has("activePower_W") && json.has("apparentPower_VA") && json.has("timestamp")).isTrue();
            return json.get("current_A").asDouble();
        }

        @Test
        void theBenchSeesTheLoadSwitchThatTestbenchSwitchOperates() throws Exception {
            TestbenchJar.Result idn = TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "idn", "--json");
            assertThat(JSON.readTree(idn.out()).get("positions").asInt()).isEqualTo(2);
            String port = meter(1).get("optical").asText();
            String keystore = endpoints.get("keystore").asText();
            TestbenchJar.Result on = TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "source", "on", "--voltage",
                    "230", "--current", "5");
            assertThat(on.exitCode()).as(on.err()).isZero();
            try {
                assertThat(currentAt(1)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.1));

                assertThat(TestbenchJar.run(WITH_PASSWORD, "switch", "--port", port, "--keystore", keystore, "open")
                        .exitCode()).isZero();
                assertThat(currentAt(1)).isLessThan(0.05);

                assertThat(TestbenchJar.run(WITH_PASSWORD, "switch", "--port", port, "--keystore", keystore, "close")
                        .exitCode()).isZero();
                assertThat(currentAt(1)).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.1));
            } finally {
                TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "source", "off");
            }
        }

        @Test
        void amiLinkOffRefusesTheAmiPortWhileTheOpticalPortAnswers() throws Exception {
            TestbenchJar.Result off = TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "ami-link", "2", "off");
            assertThat(off.out()).contains("position 2: amiLink off");
            try {
                TestbenchJar.Result ami = TestbenchJar.run(Map.of(), "read", "--via", "ami", "--port",
                        meter(2).get("ami").asText(), "--timeout", "2");
                assertThat(ami.exitCode()).isEqualTo(2);
                assertThat(ami.err()).contains(meter(2).get("ami").asText());

                TestbenchJar.Result optical = TestbenchJar.run(Map.of(), "read", "--port",
                        meter(2).get("optical").asText());
                assertThat(optical.exitCode()).as(optical.err()).isZero();
            } finally {
                TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "ami-link", "2", "on");
            }
        }

        @Test
        void supplyOffSilencesTheOpticalPort() throws Exception {
            TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "supply", "2", "off");
            try {
                TestbenchJar.Result optical = TestbenchJar.run(Map.of(), "read", "--port",
                        meter(2).get("optical").asText(), "--timeout", "1");
                assertThat(optical.exitCode()).isEqualTo(2);
                assertThat(optical.err()).contains(meter(2).get("optical").asText());
            } finally {
                TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "supply", "2", "on");
            }
            TestbenchJar.Result back = TestbenchJar.run(Map.of(), "read", "--port", meter(2).get("optical").asText());
            assertThat(back.exitCode()).as(back.err()).isZero();
        }

        @Test
        void aPositionOutsideTheBenchIsBadInput() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "bench", "--port", scpi(), "measure", "--position", "9");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("position 9 is outside 1..2");
        }
    }

    @Nested
    class Runs {

        private final Path sequences = Path.of("..", "samples", "sequences").toAbsolutePath().normalize();

        private String db() {
            return "jdbc:h2:file:" + dir.resolve("results");
        }

        @Test
        void runsTheE2eSequenceOnEveryPositionAndRecordsIt() throws Exception {
            TestbenchJar.Result run = TestbenchJar.run(WITH_PASSWORD, "run",
                    sequences.resolve("e2e-load-switch.yaml").toString(), "--lab", dir.resolve("endpoints.json").toString(),
                    "--db", db(), "--json");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode json = JSON.readTree(run.out());
            assertThat(json.get("verdict").asText()).isEqualTo("PASS");
            assertThat(json.get("positions")).hasSize(2).allSatisfy(p -> {
                assertThat(p.get("verdict").asText()).isEqualTo("PASS");
                assertThat(p.get("findings")).isEmpty();
            });
            String runId = json.get("runId").asText();
            assertThat(run.err()).as("progress goes to stderr with --json").contains("pos   1").contains("witnesses after open");

            TestbenchJar.Result list = TestbenchJar.run(Map.of(), "results", "--db", db(), "--meter",
                    meter(1).get("serial").asText(), "--json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(JSON.readTree(list.out()).findValuesAsText("runId")).contains(runId);

            TestbenchJar.Result detail = TestbenchJar.run(Map.of(), "results", runId, "--db", db());
            assertThat(detail.out()).contains("e2e-load-switch, PASS").contains("witnesses after open")
                    .contains("bench current");

            // The lab names no station: the run is this host's. TESTBENCH_DB_URL stands for --db.
            String host = org.testbench.sequences.results.Station.localHost();
            TestbenchJar.Result ofThisStation = TestbenchJar.run(Map.of("TESTBENCH_DB_URL", db()), "results",
                    "--station", host, "--json");
            assertThat(ofThisStation.exitCode()).as(ofThisStation.err()).isZero();
            JsonNode listed = JSON.readTree(ofThisStation.out());
            assertThat(listed.findValuesAsText("runId")).contains(runId);
            assertThat(listed.findValuesAsText("station")).containsOnly(host);
            TestbenchJar.Result ofAnother = TestbenchJar.run(Map.of("TESTBENCH_DB_URL", db()), "results",
                    "--station", "no-such-bench", "--json");
            assertThat(JSON.readTree(ofAnother.out())).isEmpty();
        }

        @Test
        void aSequenceWithAnErrorIsRefusedBeforeAnythingRuns() throws Exception {
            Path bad = Files.writeString(dir.resolve("bad.yaml"), "sequence: bad\nsteps:\n  - bench.mesure: {}\n");
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "run", bad.toString(), "--lab",
                    dir.resolve("endpoints.json").toString(), "--db", db());

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains(bad + ":3:5: unknown step 'bench.mesure'");
        }

        @Test
        void aPositionThatIsNotConfiguredIsBadInput() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(WITH_PASSWORD, "run",
                    sequences.resolve("identity.yaml").toString(), "--lab", dir.resolve("endpoints.json").toString(),
                    "--positions", "1-5", "--db", db());

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("position 3 is not configured");
        }

        @Test
        void aKilledRunIsAbortedOnTheNextStartAndKeepsWhatItRecorded() throws Exception {
            Path slow = Files.writeString(dir.resolve("slow.yaml"), """
                    sequence: slow
                    steps:
                      - id: identity
                        meter.read: {objects: [serial]}
                      - wait: 5 min
                    """);
            String killDb = "jdbc:h2:file:" + dir.resolve("kill-results");
            Process run = TestbenchJar.command(WITH_PASSWORD, "run", slow.toString(), "--lab",
                    dir.resolve("endpoints.json").toString(), "--positions", "1", "--db", killDb)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("slow.out").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(dir.resolve("slow.out")).contains("[ 1/ 2] identity")) {
                assertThat(System.nanoTime()).as("the run reached its wait").isLessThan(deadline);
                Thread.sleep(100);
            }
            // The line is printed when step 1 ends; the start of the 5-minute wait is committed just after, by
            // another listener. Killing in between would leave nothing of step 2 to abort (a race seen under load).
            Thread.sleep(1_500);
            run.destroyForcibly(); // kill -9
            assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();

            TestbenchJar.Result after = TestbenchJar.run(Map.of(), "results", "--db", killDb, "--json");

            assertThat(after.exitCode()).as(after.err()).isZero();
            assertThat(after.err()).contains("was interrupted and is now ABORTED");
            JsonNode runs = JSON.readTree(after.out());
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("verdict").asText()).isEqualTo("ABORTED");
            assertThat(runs.get(0).get("meters").get(0).asText()).isEqualTo(meter(1).get("serial").asText());
            String runId = runs.get(0).get("runId").asText();
            TestbenchJar.Result detail = TestbenchJar.run(Map.of(), "results", runId, "--db", killDb, "--json");
            JsonNode steps = JSON.readTree(detail.out()).get("positions").get(0).get("steps");
            assertThat(steps.get(0).get("verdict").asText()).isEqualTo("PASS");
            assertThat(steps.get(1).get("verdict").asText()).isEqualTo("ABORTED");
        }
    }

    @Nested
    class BadInput {

        @Test
        void missingSerialDevice() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port", "/dev/ttyNOSUCH9");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("testbench read: /dev/ttyNOSUCH9: no such serial device");
        }

        @Test
        void invalidObisCode() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port", meter(1).get("optical").asText(),
                    "--obis", "1.0.1.8.0.999");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("invalid OBIS code '1.0.1.8.0.999'");
        }

        @Test
        void unknownCommandOption() throws Exception {
            TestbenchJar.Result r = TestbenchJar.run(Map.of(), "read", "--port", "tcp:127.0.0.1:1", "--prot", "x");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--prot");
        }
    }

    @Test
    void demoRunsTheLabsSequencesOnEveryPositionAndRecordsThem() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("demo-results");
        Path reports = dir.resolve("demo-reports");
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "demo", "--meters", "2", "--db", db, "--reports",
                reports.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 position(s): 2 passed every sequence")
                .containsPattern("identity: PASS, run [0-9a-f-]{36}")
                .containsPattern("e2e-load-switch: PASS, run [0-9a-f-]{36}");
        // Per position: both sequences passed, and what the meter and the bench said after open and after close.
        assertThat(r.out().lines().filter(l -> l.matches(
                "\\d+\\s+\\d{8}\\s+PASS\\s+PASS\\s+open / 0\\.0\\d\\d A\\s+closed / (4\\.9|5\\.0)\\d\\d A\\s+-"))).hasSize(2);
        TestbenchJar.Result results = TestbenchJar.run(Map.of(), "results", "--db", db, "--json");
        assertThat(JSON.readTree(results.out())).hasSize(2);
        assertThat(reports.resolve("e2e-load-switch.pdf")).isRegularFile();
        assertThat(reports.resolve("e2e-load-switch.json.p7s")).isRegularFile();
        assertThat(reports.resolve("TEST-identity.xml")).isRegularFile();
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("lab").contains("read").contains("switch").contains("demo")
                .contains("Exit codes");
    }
}
