package org.testbench.sequences.engine;

import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.profile.MeterProfile;

/**
 * One bench position as a run sees it: its number, the serial the configuration assigns to it (the
 * nameplate; empty when the operator scans it), how to reach its meter, and the meter's type (its profile:
 * clients, addresses, OBIS codes). The channels are built for that type.
 */
public record PositionSetup(int position, Optional<String> serial, MeterChannel optical, Optional<MeterChannel> ami,
                            MeterProfile profile) {

    /** A position with the bench's own virtual meter type. */
    public PositionSetup(int position, Optional<String> serial, MeterChannel optical, Optional<MeterChannel> ami) {
        this(position, serial, optical, ami, MeterProfile.TESTBENCH_VIRTUAL);
    }

    public PositionSetup {
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1, was " + position);
        }
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(optical, "optical");
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(profile, "profile");
    }
}
