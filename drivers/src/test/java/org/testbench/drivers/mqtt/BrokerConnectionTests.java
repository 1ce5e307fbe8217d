package org.testbench.drivers.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.drivers.DeviceException;
import org.testbench.lab.events.EmbeddedBroker;
import org.testbench.lab.events.MosquittoBroker;

/**
 * The bench's broker client against real brokers: a Mosquitto started here with TLS, a password file
 * and an ACL (MQTT 5 and 3.1.1), and the virtual lab's embedded Moquette (3.1.1); and against brokers
 * that refuse or drop the connection.
 */
class BrokerConnectionTests {

    private static final String USER = "bench";
    private static final char[] PASSWORD = "s3cret-broker-pw".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstMosquittoWithTls {

        private Path dir;
        private MosquittoBroker mosquitto;

        @BeforeAll
        void start() throws Exception {
            assumeThat(MosquittoBroker.installed()).as("mosquitto is installed by scripts/install-deps.sh").isTrue();
            dir = Files.createTempDirectory("mosquitto-test");
            mosquitto = MosquittoBroker.start(dir, USER, PASSWORD);
        }

        @AfterAll
        void stop() {
            if (mosquitto != null) {
                mosquitto.close();
            }
        }

        private BrokerOptions.Builder options(MqttVersion version) {
            return BrokerOptions.builder(mosquitto.url()).version(version).caFile(mosquitto.caFile()).user(USER)
                    .password(PASSWORD);
        }

        @ParameterizedTest
        @EnumSource(MqttVersion.class)
        void subscribesPublishesAndTimestampsEveryMessageOnArrival(MqttVersion version) throws Exception {
            // Overlapping filters on one MQTT 5 session get one copy per subscription: one filter per session.
            try (BrokerConnection a = BrokerConnection.open(options(version).build());
                 BrokerConnection b = BrokerConnection.open(options(version).build());
                 BrokerConnection c = BrokerConnection.open(options(version).build())) {
                BrokerSubscription alerts = a.subscribe("telemetry/alerts/#", 1);
                BrokerSubscription outages = c.subscribe("telemetry/+/outage", 1);
                Instant before = Instant.now();
                b.publish("telemetry/alerts/outage", "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8), 1);
                b.publish("telemetry/alerts/tamper", "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8), 1);
                b.publish("telemetry/other", "{}".getBytes(StandardCharsets.UTF_8), 1);

                ReceivedMessage tamper = alerts.await(m -> m.topic().endsWith("tamper"), WAIT).orElseThrow();
                outages.await(m -> true, WAIT);
                assertThat(tamper.text()).isEqualTo("{\"id\":\"2\"}");
                assertThat(tamper.qos()).isEqualTo(1);
                assertThat(tamper.receivedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
                assertThat(alerts.messages()).extracting(ReceivedMessage::topic)
                        .containsExactly("telemetry/alerts/outage", "telemetry/alerts/tamper");
                assertThat(outages.messages()).extracting(ReceivedMessage::topic)
                        .containsExactly("telemetry/alerts/outage");
                assertThat(a.options().toString()).doesNotContain(new String(PASSWORD));
            }
        }

        @ParameterizedTest
        @EnumSource(MqttVersion.class)
        void aWrongPasswordIsRefusedAsAnAuthenticationFailure(MqttVersion version) {
            BrokerOptions wrong = options(version).password("wrong".toCharArray()).build();
            assertThatThrownBy(() -> BrokerConnection.open(wrong)).isInstanceOfSatisfying(DeviceException.class, e -> {
                assertThat(e.fault()).isEqualTo(DeviceException.Fault.AUTHENTICATION_FAILED);
                assertThat(e.getMessage()).contains(mosquitto.url()).doesNotContain("wrong");
            });
        }

        @Test
        void aBrokerCertificateFromAnotherCaIsRefused() throws Exception {
            Path otherDir = dir.resolve("other-ca");
            Path otherCa = org.testbench.lab.events.BrokerCertificates.create(otherDir).caFile();
            BrokerOptions untrusting = options(MqttVersion.V5).caFile(otherCa).build();
            assertThatThrownBy(() -> BrokerConnection.open(untrusting)).isInstanceOf(DeviceException.class)
                    .hasMessageContaining(mosquitto.url());
        }

        @Test
        void anonymousConnectionsAreRefused() {
            BrokerOptions anonymous = BrokerOptions.builder(mosquitto.url()).caFile(mosquitto.caFile()).build();
            assertThatThrownBy(() -> BrokerConnection.open(anonymous)).isInstanceOfSatisfying(DeviceException.class,
                    e -> assertThat(e.fault()).isEqualTo(DeviceException.Fault.AUTHENTICATION_FAILED));
        }
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void presentsAClientCertificateWhenTheBrokerRequiresOne(MqttVersion version, @TempDir Path dir) throws Exception {
        assumeThat(MosquittoBroker.installed()).isTrue();
        char[] p12Password = "client-p12-pw".toCharArray();
        try (MosquittoBroker mosquitto = MosquittoBroker.startRequiringClientCertificates(dir, USER, PASSWORD,
                p12Password)) {
            BrokerOptions.Builder options = BrokerOptions.builder(mosquitto.url()).version(version)
                    .caFile(mosquitto.caFile()).user(USER).password(PASSWORD);
            assertThatThrownBy(() -> BrokerConnection.open(options.build())).as("no client certificate")
                    .isInstanceOf(DeviceException.class);
            try (BrokerConnection c = BrokerConnection.open(options
                    .clientCertificate(mosquitto.clientIdentity().orElseThrow(), p12Password).build())) {
                BrokerSubscription s = c.subscribe("telemetry/alerts/#", 1);
                c.publish("telemetry/alerts/tamper", new byte[] {42}, 1);
                assertThat(s.await(m -> true, WAIT)).isPresent();
                assertThat(c.options().toString()).doesNotContain("client-p12-pw");
            }
        }
    }

    @Test
    void speaksMqtt311ToTheEmbeddedBroker(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, dir);
             BrokerConnection c = BrokerConnection.open(BrokerOptions.builder(broker.url())
                     .version(MqttVersion.V3_1_1).build())) {
            BrokerSubscription s = c.subscribe("telemetry/alerts/#", 1);
            c.publish("telemetry/alerts/outage", new byte[] {1, 2, 3}, 1);
            assertThat(s.await(m -> true, WAIT)).hasValueSatisfying(m -> assertThat(m.payload()).containsExactly(1, 2, 3));
        }
    }

    @Test
    void nothingListeningIsPortNotFound() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        BrokerOptions options = BrokerOptions.builder("tcp://127.0.0.1:" + port).version(MqttVersion.V3_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> BrokerConnection.open(options)).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.fault()).isEqualTo(DeviceException.Fault.PORT_NOT_FOUND));
    }

    @Test
    void aDroppedConnectionIsReportedNotHidden(@TempDir Path dir) throws Exception {
        assumeThat(MosquittoBroker.installed()).isTrue();
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir, USER, PASSWORD);
             BrokerConnection c = BrokerConnection.open(BrokerOptions.builder(mosquitto.url())
                     .caFile(mosquitto.caFile()).user(USER).password(PASSWORD).build())) {
            c.subscribe("telemetry/#", 1);
            assertThat(c.lostBecause()).isNull();
            mosquitto.kill();
            long end = System.nanoTime() + WAIT.toNanos();
            while (c.lostBecause() == null && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(c.lostBecause()).isNotNull();
            assertThat(c.isConnected()).isFalse();
            assertThatThrownBy(() -> c.publish("telemetry/x", new byte[1], 1)).isInstanceOf(DeviceException.class);
        }
    }

    @Test
    void rejectsBadUrlsAndFiltersWithAClearMessage() {
        assertThatThrownBy(() -> BrokerOptions.builder("http://127.0.0.1:1883")).hasMessageContaining("tcp://");
        assertThatThrownBy(() -> BrokerOptions.builder("tcp://127.0.0.1")).hasMessageContaining("port");
        assertThatThrownBy(() -> new TopicFilter("a/#/b")).hasMessageContaining("'#'");
        assertThat(new TopicFilter("telemetry/+/outage").matches("telemetry/alerts/outage")).isTrue();
        assertThat(new TopicFilter("telemetry/+/outage").matches("telemetry/alerts/tamper")).isFalse();
        assertThat(new TopicFilter("telemetry/#").matches("telemetry")).isTrue();
        assertThat(BrokerOptions.builder("mqtts://localhost:8883").build().url()).isEqualTo("ssl://localhost:8883");
        assertThat(Optional.of(MqttVersion.parse("3.1.1"))).contains(MqttVersion.V3_1_1);
    }
}
