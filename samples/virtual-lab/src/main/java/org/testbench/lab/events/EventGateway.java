package org.testbench.lab.events;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;

/**
 * The lab's field gateway: takes every event the meters push, turns it into a signed compact JSON
 * payload with a fresh event id, and publishes it with QoS 1 on its type's topic. One thread
 * publishes, in the order the events happened; a publish that fails is retried until the broker
 * takes it or the gateway closes, and is logged with its event id either way.
 */
public final class EventGateway implements AutoCloseable {

    /** The event log every pushed event is recorded in (the lab's meters keep one). */
    public static final String EVENT_LOG_OBIS = "0.0.99.98.0.255";
    private static final Logger LOG = LoggerFactory.getLogger(EventGateway.class);
    private static final int QOS = 1;
    private static final long RETRY_MILLIS = 200;
    private static final int ATTEMPTS = 25;

    private final MqttClient client;
    private final BrokerEndpoint broker;
    private final Map<String, EventSigningKey> keys;
    private final ExecutorService publisher;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean closed;

    private EventGateway(MqttClient client, BrokerEndpoint broker, Map<String, EventSigningKey> keys,
            ExecutorService publisher) {
        this.client = client;
        this.broker = broker;
        this.keys = keys;
        this.publisher = publisher;
    }

    /** Connects to the broker and starts forwarding the meters' events. */
    public static EventGateway start(BrokerEndpoint broker, Iterable<VirtualMeter> meters,
            Map<String, EventSigningKey> keys) throws IOException {
        MqttClient client;
        try {
            client = new MqttClient(broker.url(), "vlab-gateway-" + UUID.randomUUID(), new MemoryPersistence());
            client.connect(broker.connectOptions());
        } catch (MqttException e) {
            throw new IOException("the gateway cannot connect to the broker " + broker.url() + ": " + describe(e), e);
        }
        ExecutorService publisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vlab-gateway");
            t.setDaemon(true);
            return t;
        });
        EventGateway gateway = new EventGateway(client, broker, Map.copyOf(keys), publisher);
        for (VirtualMeter meter : meters) {
            String serial = meter.serial();
            meter.onEvent(event -> gateway.forward(serial, event));
        }
        LOG.info("Event gateway publishing to {}", broker);
        return gateway;
    }

    static String describe(MqttException e) {
        return e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
    }

    private void forward(String serial, MeterEvent event) {
        Optional<EventType> type = EventType.ofCode(event.code());
        if (type.isEmpty() || closed) {
            return;
        }
        EventSigningKey key = keys.get(serial);
        if (key == null) {
            LOG.warn("Gateway: no event-signing key for meter {}; event {} not pushed", serial, event.code());
            return;
        }
        EventNotification notification = new EventNotification(UUID.randomUUID().toString(), serial, EVENT_LOG_OBIS,
                event.code(), type.get().externalName(), event.timestamp());
        byte[] payload = notification.toSignedJson(key);
        publisher.execute(() -> publish(type.get().topic(), notification, payload));
    }

    private void publish(String topic, EventNotification notification, byte[] payload) {
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            try {
                MqttMessage message = new MqttMessage(payload);
                message.setQos(QOS);
                client.publish(topic, message);
                published.incrementAndGet();
                LOG.debug("Gateway: published {} {} of meter {} on {}", notification.type(), notification.id(),
                        notification.serial(), topic);
                return;
            } catch (MqttException e) {
                LOG.warn("Gateway: publishing event {} of meter {} failed (attempt {}): {}", notification.id(),
                        notification.serial(), attempt, describe(e));
                try {
                    Thread.sleep(RETRY_MILLIS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LOG.error("Gateway: event {} ({}) of meter {} was not published", notification.id(), notification.type(),
                notification.serial());
    }

    /** Events the broker acknowledged. */
    public long published() {
        return published.get();
    }

    public BrokerEndpoint broker() {
        return broker;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Let queued events go out first: a last gasp in the queue is still a last gasp.
        publisher.shutdown();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        publisher.shutdownNow();
        try {
            client.disconnect(1000);
        } catch (MqttException e) {
            LOG.debug("Gateway: disconnect: {}", describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Gateway: close: {}", describe(e));
        }
    }
}
