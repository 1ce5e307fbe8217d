package org.testbench.drivers.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A message as the bench received it.
 *
 * @param topic where it was published
 * @param payload its bytes (a copy is kept)
 * @param receivedAt when it arrived at the bench, taken in the client's callback before anything else
 * @param qos the QoS it was delivered with
 * @param duplicate the broker's DUP flag: a redelivery of a message it may have delivered before
 */
public record ReceivedMessage(String topic, byte[] payload, Instant receivedAt, int qos, boolean duplicate) {

    public ReceivedMessage {
        Objects.requireNonNull(topic, "topic");
        payload = Objects.requireNonNull(payload, "payload").clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length in bytes. */
    public int size() {
        return payload.length;
    }

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[" + topic + ", " + payload.length + " bytes, qos " + qos + (duplicate ? ", dup" : "")
                + ", at " + receivedAt + "]";
    }
}
