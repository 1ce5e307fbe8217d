package org.testbench.sequences.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.MqttVersion;

/**
 * A broker that drops the bench right after accepting it — as Moquette does on a busy machine when the SUBSCRIBE
 * overtakes its own bookkeeping of the CONNECT — costs one more connection, not the run; one that never
 * acknowledges the subscription is an answer missing in time, not a hung run. The broker here speaks just enough
 * MQTT 3.1.1 on loopback to misbehave on purpose (no real broker does it on demand).
 */
class EventWatchTests {

    /** What the broker does with a SUBSCRIBE. */
    private enum OnSubscribe { DROP, IGNORE, SERVE }

    /**
     * CONNECT → CONNACK; SUBSCRIBE → {@code first} for the first {@code times} connections, then SUBACK and one
     * PUBLISH; PINGREQ → PINGRESP.
     */
    private static final class DroppingBroker implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        DroppingBroker(int drops) throws IOException {
            this(OnSubscribe.DROP, drops);
        }

        DroppingBroker(OnSubscribe first, int times) throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        int n = connections.incrementAndGet();
                        Thread c = new Thread(() -> serve(s, n <= times ? first : OnSubscribe.SERVE),
                                "dropping-broker-" + n);
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "dropping-broker");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        private static void serve(Socket socket, OnSubscribe onSubscribe) {
            try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
                OutputStream out = socket.getOutputStream();
                while (true) {
                    int type = in.readUnsignedByte() >> 4;
                    byte[] body = new byte[remainingLength(in)];
                    in.readFully(body);
                    switch (type) {
                        case 1 -> out.write(new byte[] {0x20, 0x02, 0x00, 0x00});
                        case 8 -> {
                            if (onSubscribe == OnSubscribe.DROP) {
                                return;
                            }
                            if (onSubscribe == OnSubscribe.IGNORE) {
                                continue;
                            }
                            out.write(new byte[] {(byte) 0x90, 0x03, body[0], body[1], 0x01});
                            byte[] topic = "telemetry/alerts/tamper".getBytes(StandardCharsets.US_ASCII);
                            byte[] payload = "{}".getBytes(StandardCharsets.US_ASCII);
                            out.write(new byte[] {0x30, (byte) (2 + topic.length + payload.length), 0, (byte) topic.length});
                            out.write(topic);
                            out.write(payload);
                        }
                        case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00});
                        case 14 -> {
                            return;
                        }
                        default -> { }
                    }
                    out.flush();
                }
            } catch (IOException gone) {
                // the client closed: nothing to serve
            }
        }

        private static int remainingLength(DataInputStream in) throws IOException {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.readUnsignedByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static BrokerOptions options(DroppingBroker broker) {
        return BrokerOptions.builder(broker.url()).version(MqttVersion.V3_1_1).connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    @Test
    void aBrokerThatDropsTheFirstSubscriptionIsAskedOnceMore() throws Exception {
        try (DroppingBroker broker = new DroppingBroker(1);
             EventWatch watch = EventWatch.open(options(broker))) {
            assertThat(watch.subscription().await(m -> true, Duration.ofSeconds(30)))
                    .as("the message published on the second connection").isPresent();
            assertThat(broker.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aBrokerThatDropsEverySubscriptionIsOneClearLine() throws Exception {
        try (DroppingBroker broker = new DroppingBroker(Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> EventWatch.open(options(broker)))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.fault()).isEqualTo(DeviceException.Fault.CONNECTION_LOST);
                        assertThat(e.getMessage()).contains(broker.url()).contains("subscribing to telemetry/alerts/#")
                                .doesNotContain("\n");
                    });
            assertThat(broker.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aBrokerThatNeverAcknowledgesTheSubscriptionIsNoAnswerInTime() throws Exception {
        try (DroppingBroker broker = new DroppingBroker(OnSubscribe.IGNORE, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> EventWatch.open(options(broker)))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.fault()).isEqualTo(DeviceException.Fault.NO_ANSWER);
                        assertThat(e.getMessage()).contains(broker.url())
                                .contains("did not acknowledge it within 1000 ms").doesNotContain("\n");
                    });
            assertThat(broker.connections.get()).isEqualTo(1);
        }
    }
}
