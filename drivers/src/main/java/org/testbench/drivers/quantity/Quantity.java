package org.testbench.drivers.quantity;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value with its unit, e.g. {@code 4.998 A}. Converts only within one dimension: comparing a current
 * with a voltage is a unit mismatch, reported as such, never a silent number comparison.
 * {@link #toString()} is read back by {@link #parse(String)}.
 */
public record Quantity(double value, Unit unit) implements Comparable<Quantity> {

    private static final Pattern TEXT = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*(\\S+)");

    public Quantity {
        Objects.requireNonNull(unit, "unit");
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("a quantity in " + unit + " cannot be NaN");
        }
    }

    public static Quantity of(double value, Unit unit) {
        return new Quantity(value, unit);
    }

    /**
     * Reads {@code "5 A"}, {@code "230V"}, {@code "-1.5e3 W"}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static Quantity parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid quantity '" + text + "': expected a number and a unit, e.g. 5 A");
        }
        return new Quantity(Double.parseDouble(m.group(1)), Unit.ofSymbol(m.group(2)));
    }

    /**
     * This quantity in another unit of the same dimension.
     *
     * @throws IllegalArgumentException "unit mismatch" when the dimensions differ
     */
    public Quantity to(Unit target) {
        if (target == unit) {
            return this;
        }
        requireSameDimension(target);
        return new Quantity(value * unit.toBase() / target.toBase(), target);
    }

    /** The value in the given unit. */
    public double in(Unit target) {
        return to(target).value;
    }

    public boolean isCompatibleWith(Unit other) {
        return unit.dimension() == other.dimension();
    }

    private void requireSameDimension(Unit other) {
        if (!isCompatibleWith(other)) {
            throw new IllegalArgumentException("unit mismatch: " + this + " is a " + unit.describe()
                    + ", not comparable with " + other.describe());
        }
    }

    public Quantity abs() {
        return value < 0 ? new Quantity(-value, unit) : this;
    }

    @Override
    public int compareTo(Quantity other) {
        return Double.compare(value, other.to(unit).value);
    }

    @Override
    public String toString() {
        return formatNumber(value) + " " + unit.symbol();
    }

    private static String formatNumber(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
