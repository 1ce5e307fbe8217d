package org.testbench.lab.mdms.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event notification the MDMS stored.
 *
 * @param eventId the payload's id
 * @param serial the meter
 * @param code the meter's event code
 * @param type the payload's type, e.g. {@code last-gasp}
 * @param obis the event log the meter recorded it in
 * @param meterTimestamp the meter's time of the event
 * @param receivedAt when the MDMS took the message from the broker
 * @param storedAt when the record was stored (after receivedAt by the processing time)
 * @param topic the topic it came on
 * @param signatureChecked whether the MDMS verified the signature before storing
 * @param signatureValid the outcome of that check; false only when unchecked (a checked bad one is never stored)
 */
public record Notification(String eventId, String serial, int code, String type, String obis, Instant meterTimestamp,
        Instant receivedAt, Instant storedAt, String topic, boolean signatureChecked, boolean signatureValid) {

    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
