package org.testbench.lab.mdms.headend;

import java.time.Instant;
import java.util.Objects;

/**
 * A register read from a meter.
 *
 * @param value the value with the register's scaler applied
 * @param unit the unit symbol (Wh, W, V, ...), empty if the register has none
 * @param meterTime the meter's clock, read in the same request as the value
 */
public record RegisterValue(double value, String unit, Instant meterTime) {

    public RegisterValue {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(meterTime, "meterTime");
    }
}
