package org.testbench.mdms.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a call started (wall clock, for the record) and how long it took (monotonic clock). */
public record Timing(Instant started, Duration elapsed) {

    public Timing {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    @Override
    public String toString() {
        return elapsed.toMillis() + " ms from " + started;
    }
}
