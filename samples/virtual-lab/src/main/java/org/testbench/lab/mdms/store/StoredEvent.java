package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A meter event as the MDMS keeps it.
 *
 * @param eventId stable id: serial, meter timestamp (epoch seconds), code and an occurrence number
 *                that tells apart identical events logged in the same second
 * @param code the meter's event code
 * @param meterTime the meter's timestamp
 * @param receivedAt when the MDMS first read the event
 */
public record StoredEvent(String eventId, int code, Instant meterTime, Instant receivedAt) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(meterTime, "meterTime");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
