package org.testbench.sequences.engine;

import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.MeterChannel;

/**
 * One bench position as a run sees it: its number, the serial the configuration assigns to it (the
 * nameplate; empty when the operator scans it), and how to reach its meter.
 */
public record PositionSetup(int position, Optional<String> serial, MeterChannel optical, Optional<MeterChannel> ami) {

    public PositionSetup {
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1, was " + position);
        }
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(optical, "optical");
        Objects.requireNonNull(ami, "ami");
    }
}
