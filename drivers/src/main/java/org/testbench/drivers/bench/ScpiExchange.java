package org.testbench.drivers.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * One command sent to an instrument and its reply (empty for a setting), kept as evidence: what the
 * bench was told and what it said, when, and how long it took.
 */
public record ScpiExchange(Instant sentAt, String command, String reply, Duration took) {

    @Override
    public String toString() {
        return sentAt + " > " + command + (reply.isEmpty() ? "" : " < " + reply) + " (" + took.toMillis() + " ms)";
    }
}
