package org.testbench.drivers.bench;

import java.util.Objects;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;

/**
 * What the bench's source delivers while it is on: voltage at every position, the test current through
 * every closed meter, and the phase angle of current against voltage (0° resistive import, 180° export).
 */
public record SourceSettings(Quantity voltage, Quantity current, Quantity phase) {

    public SourceSettings {
        Objects.requireNonNull(voltage, "voltage").to(Unit.VOLT);
        Objects.requireNonNull(current, "current").to(Unit.AMPERE);
        Objects.requireNonNull(phase, "phase").to(Unit.DEGREE);
    }

    public static SourceSettings of(double volts, double amperes, double degrees) {
        return new SourceSettings(Quantity.of(volts, Unit.VOLT), Quantity.of(amperes, Unit.AMPERE),
                Quantity.of(degrees, Unit.DEGREE));
    }
}
