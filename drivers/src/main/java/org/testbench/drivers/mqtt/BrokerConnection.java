package org.testbench.drivers.mqtt;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;

/**
 * A session with an MQTT broker, MQTT 5 or 3.1.1 as the options say. Subscriptions collect what
 * arrives on their filter, each message timestamped the moment the client hands it over. The
 * connection does not reconnect by itself: a lost connection is reported ({@link #lostBecause()}),
 * so that a test knows what it may have missed. A message is added to every subscription whose filter
 * matches its topic; with overlapping filters on one MQTT 5 session the broker sends one copy per
 * subscription, so each subscription then sees it twice: use one filter per connection.
 *
 * <pre>{@code
 * try (BrokerConnection broker = BrokerConnection.open(options)) {
 *     BrokerSubscription alerts = broker.subscribe("telemetry/alerts/#", 1);
 *     ... provoke ...
 *     alerts.await(m -> m.topic().endsWith("/outage"), Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class BrokerConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final long QUIET_BEFORE_DISCONNECT_MILLIS = 100;

    /** What the two Paho clients have in common, as this class needs it. */
    interface Client {
        void subscribe(String filter, int qos) throws DeviceException;

        void unsubscribe(String filter) throws DeviceException;

        void publish(String topic, byte[] payload, int qos, boolean retained) throws DeviceException;

        boolean isConnected();

        void close();
    }

    /** Where the Paho callbacks deliver. */
    interface Sink {
        void arrived(String topic, byte[] payload, int qos, boolean duplicate);

        void lost(String reason);
    }

    private final BrokerOptions options;
    private final Clock clock;
    private final List<BrokerSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Client client;
    private volatile String lostBecause;

    private BrokerConnection(BrokerOptions options, Clock clock, ClientFactory factory) throws DeviceException {
        this.options = options;
        this.clock = clock;
        String clientId = options.clientIdPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.client = factory.connect(options, clientId, new Sink() {
            @Override
            public void arrived(String topic, byte[] payload, int qos, boolean duplicate) {
                deliver(topic, payload, qos, duplicate);
            }

            @Override
            public void lost(String reason) {
                lostBecause = reason;
                LOG.warn("Broker {}: connection lost: {}", options.url(), reason);
            }
        });
        LOG.info("Connected to broker {} (MQTT {}) as {}", options.url(), options.version(), clientId);
    }

    interface ClientFactory {
        Client connect(BrokerOptions options, String clientId, Sink sink) throws DeviceException;
    }

    /**
     * Connects.
     *
     * @throws DeviceException {@code PORT_NOT_FOUND} when nothing listens, {@code AUTHENTICATION_FAILED}
     *                         when the broker refuses the credentials, {@code KEYS} for unreadable TLS
     *                         files, {@code REJECTED} for any other refusal (with the broker's reason)
     */
    public static BrokerConnection open(BrokerOptions options) throws DeviceException {
        Objects.requireNonNull(options, "options");
        ClientFactory factory = options.version() == MqttVersion.V5 ? Paho5Client::connect : Paho3Client::connect;
        return new BrokerConnection(options, Clock.systemUTC(), factory);
    }

    private void deliver(String topic, byte[] payload, int qos, boolean duplicate) {
        ReceivedMessage message = new ReceivedMessage(topic, payload, clock.instant(), qos, duplicate);
        for (BrokerSubscription s : subscriptions) {
            if (s.filter().matches(topic)) {
                s.add(message);
            }
        }
    }

    /** Subscribes; messages that arrive from now on are collected. */
    public BrokerSubscription subscribe(String filter, int qos) throws DeviceException {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos);
        }
        BrokerSubscription subscription = new BrokerSubscription(new TopicFilter(filter), qos);
        subscriptions.add(subscription);
        try {
            client.subscribe(filter, qos);
        } catch (DeviceException e) {
            subscriptions.remove(subscription);
            throw e;
        }
        return subscription;
    }

    public void unsubscribe(BrokerSubscription subscription) throws DeviceException {
        if (subscriptions.remove(subscription)) {
            client.unsubscribe(subscription.filter().filter());
        }
    }

    /** Publishes and, for QoS 1 and 2, waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload, int qos) throws DeviceException {
        client.publish(topic, payload, qos, false);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Why the broker dropped the connection; null while it has not. */
    public String lostBecause() {
        return lostBecause;
    }

    public BrokerOptions options() {
        return options;
    }

    /**
     * Disconnects. A short quiet period first lets the acknowledgement of a message that just arrived
     * reach the broker before the DISCONNECT does: Moquette 0.17 loses a session worker when the two
     * cross (IllegalReferenceCountException), and with it the sessions that worker served.
     */
    @Override
    public void close() {
        try {
            Thread.sleep(QUIET_BEFORE_DISCONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "BrokerConnection[" + options + "]";
    }
}
