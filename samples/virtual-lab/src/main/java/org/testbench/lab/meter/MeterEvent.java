package org.testbench.lab.meter;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a meter's standard event log.
 *
 * @param timestamp when the meter logged the event, to the second (the resolution the meter
 *                  stores and a client reads back)
 * @param code the event code, see {@link EventCode}
 * @param description a human-readable name of the code
 */
public record MeterEvent(Instant timestamp, int code, String description) {

    public MeterEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(description, "description");
    }

    static MeterEvent of(Instant timestamp, EventCode code) {
        return new MeterEvent(timestamp, code.code(), code.description());
    }
}
