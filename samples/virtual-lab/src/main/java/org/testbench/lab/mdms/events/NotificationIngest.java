package org.testbench.lab.mdms.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.events.EventNotification;
import org.testbench.lab.events.EventType;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;

/**
 * The MDMS's subscriber: takes every message on {@code telemetry/alerts/#}, verifies it and stores it
 * once per event id. A message it cannot store as an event (malformed, unknown meter, bad signature)
 * is kept as a rejected message with the reason. The event fault profiles change exactly one of
 * these rules each.
 */
public final class NotificationIngest implements AutoCloseable {

    /** How late {@link MdmsFault#SLOW_EVENTS} stores an event. */
    public static final Duration SLOW_DELAY = Duration.ofMillis(1500);
    /** How long the start waits for the automatic reconnect after the broker dropped the first subscription. */
    private static final Duration RESUBSCRIBE_WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(NotificationIngest.class);

    private final MqttClient client;
    private final Map<String, EventSigningKey> keys;
    private final MdmsSettings settings;
    private final NotificationStore store;
    private final Clock clock;
    private final ScheduledExecutorService delayed;
    private final AtomicLong accepted = new AtomicLong();
    /** Counted down when an automatic reconnect has subscribed again. */
    private final CountDownLatch resubscribed = new CountDownLatch(1);

    private NotificationIngest(MqttClient client, Map<String, EventSigningKey> keys, MdmsSettings settings,
            NotificationStore store, Clock clock, ScheduledExecutorService delayed) {
        this.client = client;
        this.keys = keys;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.delayed = delayed;
    }

    /** Connects, subscribes with QoS 1 and starts storing. */
    public static NotificationIngest start(BrokerEndpoint broker, Map<String, EventSigningKey> keys,
            MdmsSettings settings, NotificationStore store, Clock clock) throws IOException {
        MqttClient client;
        try {
            client = new MqttClient(broker.url(), "vlab-mdms-" + UUID.randomUUID(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IOException("the MDMS cannot use the broker " + broker.url() + ": " + e.getMessage(), e);
        }
        ScheduledThreadPoolExecutor delayed = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mdms-events-delayed");
            t.setDaemon(true);
            return t;
        });
        NotificationIngest ingest = new NotificationIngest(client, Map.copyOf(keys), settings, store, clock, delayed);
        client.setCallback(ingest.new Callback());
        try {
            client.connect(broker.connectOptions());
            try {
                client.subscribe(EventType.TOPIC_FILTER, 1);
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
                // A broker may drop a client right after accepting it (Moquette does on a busy machine, when the
                // SUBSCRIBE overtakes its own bookkeeping of the CONNECT): the automatic reconnect subscribes again.
                LOG.warn("MDMS: the broker {} dropped the connection while subscribing; waiting for the reconnect",
                        broker);
                if (!ingest.resubscribed.await(RESUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ingest.close();
            throw new IOException("interrupted while the MDMS subscribed at the broker " + broker.url(), e);
        } catch (MqttException e) {
            delayed.shutdownNow();
            try {
                client.close(true);
            } catch (MqttException closing) {
                e.addSuppressed(closing);
            }
            throw new IOException("the MDMS cannot subscribe at the broker " + broker.url() + ": " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""), e);
        }
        LOG.info("MDMS subscribed to {} at {}", EventType.TOPIC_FILTER, broker);
        return ingest;
    }

    /** Processes one message as it arrived; public so that tests can feed what a broker would deliver. */
    public void receive(String topic, byte[] payload) {
        Instant receivedAt = clock.instant();
        EventNotification.Signed signed;
        try {
            signed = EventNotification.parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("MDMS: malformed event payload on {}: {}", topic, e.getMessage());
            store.reject(new RejectedMessage(receivedAt, topic, null, null, "MALFORMED", e.getMessage()));
            return;
        }
        EventNotification n = signed.notification();
        EventSigningKey key = keys.get(n.serial());
        if (key == null) {
            LOG.warn("MDMS: event {} on {} names unknown meter {}", n.id(), topic, n.serial());
            store.reject(new RejectedMessage(receivedAt, topic, n.serial(), n.id(), "UNKNOWN_METER",
                    "no meter " + n.serial() + " is installed"));
            return;
        }
        boolean check = !settings.has(MdmsFault.UNCHECKED_SIGNATURES);
        boolean valid = check && signed.verify(key);
        if (check && !valid) {
            LOG.warn("MDMS: event {} of meter {} on {} has a wrong signature", n.id(), n.serial(), topic);
            store.reject(new RejectedMessage(receivedAt, topic, n.serial(), n.id(), "SIGNATURE_INVALID",
                    "the signature does not match the payload under the meter's key"));
            return;
        }
        if (!settings.has(MdmsFault.DUPLICATE_EVENTS) && store.contains(n.id())) {
            LOG.info("MDMS: event {} of meter {} received again; already stored", n.id(), n.serial());
            return;
        }
        // Only new events count towards the loss: a redelivery of a stored one changes nothing.
        if (settings.has(MdmsFault.DROP_EVENTS) && accepted.incrementAndGet() % 2 == 0) {
            LOG.debug("MDMS (drop-events): event {} of meter {} lost", n.id(), n.serial());
            return;
        }
        Runnable storing = () -> storeOnce(n, topic, receivedAt, check, valid);
        if (settings.has(MdmsFault.SLOW_EVENTS)) {
            delayed.schedule(storing, SLOW_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            storing.run();
        }
    }

    private void storeOnce(EventNotification n, String topic, Instant receivedAt, boolean checked, boolean valid) {
        Notification record = new Notification(n.id(), n.serial(), n.code(), n.type(), n.obis(), n.ts(), receivedAt,
                clock.instant(), topic, checked, valid);
        if (settings.has(MdmsFault.DUPLICATE_EVENTS)) {
            store.add(record);
            store.add(record);
            return;
        }
        synchronized (store) {
            if (store.contains(n.id())) {
                LOG.info("MDMS: event {} of meter {} received again; already stored", n.id(), n.serial());
                return;
            }
            store.add(record);
        }
        LOG.debug("MDMS: stored event {} ({}) of meter {}", n.id(), n.type(), n.serial());
    }

    @Override
    public void close() {
        delayed.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.debug("MDMS: broker disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MDMS: broker close: {}", e.getMessage());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                // A clean session forgets subscriptions: subscribe again after an automatic reconnect, off
                // the callback thread (a blocking call on it would wait for itself).
                delayed.execute(() -> {
                    try {
                        client.subscribe(EventType.TOPIC_FILTER, 1);
                        resubscribed.countDown();
                        LOG.info("MDMS: reconnected to {} and subscribed again", serverURI);
                    } catch (MqttException e) {
                        LOG.error("MDMS: reconnected to {} but cannot subscribe: {}", serverURI, e.getMessage());
                    }
                });
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("MDMS: connection to the broker lost: {}", cause == null ? "?" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                receive(topic, message.getPayload());
            } catch (RuntimeException e) {
                // Never let one message kill the subscription.
                LOG.error("MDMS: processing a message on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // The MDMS publishes nothing.
        }
    }
}
