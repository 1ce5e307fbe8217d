package org.testbench.lab.mdms.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the MDMS took from the broker and did not store as an event, with the reason: nothing
 * received is lost from the record.
 *
 * @param receivedAt when it arrived
 * @param topic where it came from
 * @param serial the meter it names, or null when the payload names none
 * @param eventId its id, or null when it has none
 * @param reason {@code MALFORMED}, {@code UNKNOWN_METER} or {@code SIGNATURE_INVALID}
 * @param detail what exactly was wrong
 */
public record RejectedMessage(Instant receivedAt, String topic, String serial, String eventId, String reason,
        String detail) {

    public RejectedMessage {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
