package org.testbench.lab.mdms.service;

import java.time.Instant;

/** A meter event as the MDMS answers it. */
public record EventReading(String eventId, int code, String description, Instant meterTimestamp,
        Instant receivedAt) {
}
