package org.testbench.sequences.results;

import java.util.Objects;
import org.testbench.drivers.quantity.Quantity;

/**
 * What a measurement found: a number with its unit (a bench current, a register value) or a text (a
 * firmware identifier, a load-switch state as the meter names it).
 */
public sealed interface MeasuredValue permits MeasuredValue.Numeric, MeasuredValue.Text {

    static Numeric numeric(double value, String unit) {
        return new Numeric(value, unit);
    }

    static Numeric of(Quantity quantity) {
        return new Numeric(quantity.value(), quantity.unit().symbol());
    }

    static Text text(String text) {
        return new Text(text);
    }

    /**
     * A number and its unit symbol as reported ("A", "kWh", "varh"); the empty symbol for a count or another
     * dimensionless number. The unit is text, not {@code Unit}, so that a reading in a unit the drivers do
     * not convert can still be recorded.
     */
    record Numeric(double value, String unit) implements MeasuredValue {
        public Numeric {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a measured value must be a finite number, not " + value);
            }
            Objects.requireNonNull(unit, "unit (use \"\" for a dimensionless number)");
            Checks.requireFits(unit, 20, "unit");
        }

        @Override
        public String toString() {
            return unit.isEmpty() ? Double.toString(value) : value + " " + unit;
        }
    }

    record Text(String text) implements MeasuredValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
