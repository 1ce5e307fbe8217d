package org.testbench.lab.bench;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a numeric setting is called, its SI unit and its range (inclusive), e.g. voltage in V,
 * 0..300. Error messages are made from it: {@code voltage 400 V (0..300 V)}.
 */
record NumericSetting(String name, String unit, double min, double max) {

    NumericSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!(min <= max)) {
            throw new IllegalArgumentException("range " + min + ".." + max + " of " + name + " is empty");
        }
    }

    boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** {@code 0..300 V}. */
    String range() {
        return plain(min) + ".." + plain(max) + " " + unit;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
