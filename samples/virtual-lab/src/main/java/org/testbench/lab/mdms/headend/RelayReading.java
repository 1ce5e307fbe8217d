package org.testbench.lab.mdms.headend;

import java.time.Instant;
import java.util.Objects;

/**
 * The relay's output_state as the meter reported it.
 *
 * @param closed true while the relay is closed
 * @param armed true while it is open but ready_for_reconnection (the meter's button closes it)
 * @param at when the meter answered, taken while the head-end still held the meter, so that two
 *           readings of one meter are ordered as the meter gave them
 */
public record RelayReading(boolean closed, boolean armed, Instant at) {

    public RelayReading {
        Objects.requireNonNull(at, "at");
    }
}
