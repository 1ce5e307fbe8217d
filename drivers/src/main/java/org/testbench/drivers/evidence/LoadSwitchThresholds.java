package org.testbench.drivers.evidence;

import java.util.Objects;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;

/**
 * How the bench's current is read as a switch position: below {@code openBelow} the switch is open;
 * within {@code closedTolerancePercent} of the nominal test current it is closed; in between, or with
 * no voltage at the position (below {@code minimumVoltage}), the bench cannot tell.
 */
public record LoadSwitchThresholds(Quantity nominalCurrent, Quantity openBelow, double closedTolerancePercent,
                                   Quantity minimumVoltage) {

    public LoadSwitchThresholds {
        Objects.requireNonNull(nominalCurrent, "nominalCurrent").to(Unit.AMPERE);
        Objects.requireNonNull(openBelow, "openBelow").to(Unit.AMPERE);
        Objects.requireNonNull(minimumVoltage, "minimumVoltage").to(Unit.VOLT);
        if (closedTolerancePercent <= 0 || closedTolerancePercent >= 100) {
            throw new IllegalArgumentException("closed tolerance must be between 0 and 100 %, was "
                    + closedTolerancePercent);
        }
        if (openBelow.compareTo(nominalCurrent.to(Unit.AMPERE)) >= 0) {
            throw new IllegalArgumentException("the open threshold " + openBelow
                    + " must be below the nominal current " + nominalCurrent);
        }
    }

    /** Defaults for a test current: open below 50 mA, closed within 5 %, voltage at least 50 V. */
    public static LoadSwitchThresholds forNominalCurrent(Quantity nominal) {
        return new LoadSwitchThresholds(nominal, Quantity.of(50, Unit.MILLIAMPERE), 5,
                Quantity.of(50, Unit.VOLT));
    }
}
