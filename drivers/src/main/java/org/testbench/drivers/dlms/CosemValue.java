package org.testbench.drivers.dlms;

import java.util.Objects;
import java.util.Optional;

/**
 * One value read from a meter: the object, the attribute, the value with the scaler already applied
 * (a {@link Number}, a {@link String}, a {@link Boolean} or an {@link java.time.OffsetDateTime}), and
 * the unit symbol when the object has one ({@code Wh}, {@code V}, ...).
 */
public record CosemValue(Obis obis, int attribute, Object value, String unit) {

    public CosemValue {
        Objects.requireNonNull(obis, "obis");
    }

    public Optional<String> unitSymbol() {
        return Optional.ofNullable(unit);
    }

    /** The value as a number, for registers. */
    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException(obis + " holds " + describe(value) + ", not a number");
    }

    public String asText() {
        return value == null ? "" : value.toString();
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName() + " '" + v + "'";
    }

    @Override
    public String toString() {
        return obis + " = " + value + (unit == null ? "" : " " + unit);
    }
}
