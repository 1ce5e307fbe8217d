package org.testbench.lab.mdms.headend;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a meter's standard event log as the head-end read it.
 *
 * @param meterTime the meter's timestamp of the event
 * @param code the event code (0.0.96.11.0.255)
 */
public record LoggedEvent(Instant meterTime, int code) {

    public LoggedEvent {
        Objects.requireNonNull(meterTime, "meterTime");
    }
}
