package org.testbench.drivers.bench;

import java.time.Instant;
import java.util.Objects;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;

/**
 * One measurement of the bench at one position, taken when the bench answered: voltage across the
 * meter, current through it, active and apparent power (the latter two include the meter's own burden).
 */
public record BenchReading(int position, Quantity voltage, Quantity current, Quantity activePower,
                           Quantity apparentPower, Instant timestamp) {

    public BenchReading {
        Objects.requireNonNull(voltage, "voltage").to(Unit.VOLT);
        Objects.requireNonNull(current, "current").to(Unit.AMPERE);
        Objects.requireNonNull(activePower, "activePower").to(Unit.WATT);
        Objects.requireNonNull(apparentPower, "apparentPower").to(Unit.VOLT_AMPERE);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String toString() {
        return "position " + position + ": " + voltage + ", " + current + ", " + activePower + ", " + apparentPower
                + " at " + timestamp;
    }
}
