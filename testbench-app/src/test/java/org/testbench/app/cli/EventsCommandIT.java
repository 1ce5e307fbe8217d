package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.events.MosquittoBroker;

/**
 * {@code testbench lab --broker} against a Mosquitto this test starts (TLS, password file, ACL), then
 * {@code testbench run} of the event sequences and {@code testbench bench tamper} against that lab,
 * each in its own JVM running the jar.
 */
class EventsCommandIT {

    private static final String BROKER_PASSWORD = "it-broker-password-91";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_KEYSTORE_PASSWORD", "it-keystore-password",
            "TESTBENCH_MDMS_TOKEN", "it-mdms-token-0123456789", "TESTBENCH_BROKER_PASSWORD", BROKER_PASSWORD);
    private static final Path SEQUENCES = Path.of("..", "samples", "sequences");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLabUsesAnExternalMosquittoAndTheEventSequencesPassThroughIt(@TempDir Path dir) throws Exception {
        assumeThat(MosquittoBroker.installed()).as("mosquitto is installed by scripts/install-deps.sh").isTrue();
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"), "lab",
                BROKER_PASSWORD.toCharArray())) {
            Path file = dir.resolve("endpoints.json");
            Process lab = TestbenchJar.command(ENV, "lab", "--meters", "2", "--no-pty", "--mdms-time-scale", "0.05",
                            "--endpoints", file.toString(), "--dir", dir.resolve("lab").toString(),
                            "--broker", mosquitto.url(), "--broker-ca", mosquitto.caFile().toString(),
                            "--broker-user", "lab")
                    .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile())
                    .start();
            try {
                JsonNode endpoints = TestbenchJar.awaitEndpoints(lab, file, dir.resolve("lab.err"));
                JsonNode broker = endpoints.get("broker");
                assertThat(broker.get("url").asText()).isEqualTo(mosquitto.url());
                assertThat(broker.get("ca").asText()).isEqualTo(mosquitto.caFile().toString());
                assertThat(broker.get("user").asText()).isEqualTo("lab");
                assertThat(Files.readString(file)).doesNotContain(BROKER_PASSWORD);
                assertThat(Files.readString(dir.resolve("lab.out"))).contains("Broker: " + mosquitto.url())
                        .doesNotContain(BROKER_PASSWORD);

                TestbenchJar.Result run = TestbenchJar.run(ENV, "run", SEQUENCES.resolve("event-tamper.yaml").toString(),
                        "--lab", file.toString(), "--db", "jdbc:h2:file:" + dir.resolve("results"),
                        "--json");
                assertThat(run.exitCode()).as(run.out() + run.err()).isIn(0, 1);
                for (JsonNode p : JSON.readTree(run.out()).get("positions")) {
                    assertThat(EventWindow.passedButForLatency(p)).as(run.out()).isTrue();
                }
                assertThat(run.out() + run.err()).doesNotContain(BROKER_PASSWORD);

                TestbenchJar.Result tamper = TestbenchJar.run(Map.of(), "bench", "--port",
                        endpoints.get("bench").get("scpi").asText(), "tamper", "2", "magnet", "--json");
                assertThat(tamper.exitCode()).as(tamper.err()).isZero();
                assertThat(JSON.readTree(tamper.out()).get("tamper").asText()).isEqualTo("magnet");
                assertThat(mosquitto.log()).contains("New client connected").contains(" u'lab'");
            } finally {
                lab.destroy();
                assertThat(lab.waitFor(30, TimeUnit.SECONDS)).as("lab stops on SIGTERM").isTrue();
            }
        }
    }

    @Test
    void aBrokerThatIsNotThereIsBadInputWithAClearMessage(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TestbenchJar.Result r = TestbenchJar.run(ENV, "lab", "--meters", "1", "--no-pty", "--dir",
                dir.toString(), "--broker", "tcp://127.0.0.1:" + port);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("tcp://127.0.0.1:" + port).contains("broker");

        TestbenchJar.Result noBroker = TestbenchJar.run(ENV, "lab", "--broker-user", "lab");
        assertThat(noBroker.exitCode()).isEqualTo(2);
        assertThat(noBroker.err()).contains("--broker-user need --broker");
    }
}
