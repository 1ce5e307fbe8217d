package org.testbench.sequences.engine;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.mqtt.BrokerConnection;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.BrokerSubscription;
import org.testbench.drivers.mqtt.ReceivedMessage;

/**
 * The bench's ear on the event broker for a whole run: subscribed to {@code telemetry/alerts/#}
 * before the first step, so that an event provoked by one step is already captured when the
 * {@code events.expect} after it looks. Every message keeps the time it arrived at the bench.
 */
public final class EventWatch implements AutoCloseable {

    /** Every topic the meters' gateways publish on (docs/events.md). */
    public static final String TOPIC_FILTER = "telemetry/alerts/#";
    static final int QOS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(EventWatch.class);

    private final BrokerConnection connection;
    private final BrokerSubscription subscription;

    private EventWatch(BrokerConnection connection, BrokerSubscription subscription) {
        this.connection = connection;
        this.subscription = subscription;
    }

    /**
     * Connects and subscribes.
     *
     * @throws DeviceException when the broker cannot be reached or refuses us, saying which and why
     */
    public static EventWatch open(BrokerOptions options) throws DeviceException {
        Objects.requireNonNull(options, "options");
        try {
            return subscribed(options);
        } catch (DeviceException e) {
            if (e.fault() != DeviceException.Fault.CONNECTION_LOST) {
                throw e;
            }
            // A broker may drop a client right after accepting it (Moquette does on a busy machine, when the
            // SUBSCRIBE overtakes its own bookkeeping of the CONNECT): once more, then the run cannot listen.
            LOG.warn("{}; connecting once more", e.getMessage());
            return subscribed(options);
        }
    }

    private static EventWatch subscribed(BrokerOptions options) throws DeviceException {
        BrokerConnection connection = BrokerConnection.open(options);
        try {
            return new EventWatch(connection, connection.subscribe(TOPIC_FILTER, QOS));
        } catch (DeviceException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    BrokerSubscription subscription() {
        return subscription;
    }

    List<ReceivedMessage> messages() {
        return subscription.messages();
    }

    /** Publishes as the bench (a replayed or forged event). */
    void publish(String topic, byte[] payload) throws DeviceException {
        connection.publish(topic, payload, QOS);
    }

    /** Why the broker dropped the bench, or null. */
    String lostBecause() {
        return connection.lostBecause();
    }

    /** The broker, for messages and the record of a run. */
    public String describe() {
        return connection.options().toString();
    }

    @Override
    public void close() {
        connection.close();
    }
}
