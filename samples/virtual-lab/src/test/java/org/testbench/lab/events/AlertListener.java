package org.testbench.lab.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain MQTT 3.1.1 subscriber on the alert topics, for tests: what a third party sees on the broker. */
final class AlertListener implements AutoCloseable {

    record Received(String topic, byte[] payload, Instant at) {
    }

    private final MqttClient client;
    final List<Received> messages = new CopyOnWriteArrayList<>();

    AlertListener(String url) throws MqttException {
        client = new MqttClient(url, "test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(EventType.TOPIC_FILTER, 1,
                (topic, message) -> messages.add(new Received(topic, message.getPayload(), Instant.now())));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        client.publish(topic, message);
    }

    /** Waits until {@code count} messages arrived or the timeout passed; returns what arrived. */
    List<Received> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return List.copyOf(messages);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
