package org.testbench.lab.meter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a meter type keeps its active energy: where (OBIS), in which interface class, with which data type and
 * scaler. Real makes differ in all four, within what IEC 62056-6-2 allows for a register's value: any numeric
 * simple type, a scaler from -128 to 127, the unit always Wh for active energy (the scaler makes kWh of it).
 *
 * @param importObis active energy import (total, or of one channel)
 * @param exportObis active energy export, used when the type has an export register
 * @param extended true: extended register (class 4, with status and capture time), false: register (class 3)
 * @param valueType the data type of the value attribute
 * @param scaler the exponent of ten the value is multiplied by to give Wh: -1 counts 0.1 Wh, 3 counts kWh
 */
public record EnergyRegisters(String importObis, String exportObis, boolean extended, ValueType valueType,
        int scaler) {

    /** The data types the lab's meters use for an energy register's value. */
    public enum ValueType {
        /** double-long-unsigned (32 bits): rolls over like a real meter's. */
        DOUBLE_LONG_UNSIGNED,
        /** long64-unsigned. */
        LONG64_UNSIGNED,
        /** float64 (IEEE 754 double). */
        FLOAT64
    }

    /** The lab's first meter: class 3 at 1.0.1.8.0.255 and 1.0.2.8.0.255, double-long-unsigned, 0.1 Wh. */
    public static final EnergyRegisters STANDARD = new EnergyRegisters("1.0.1.8.0.255", "1.0.2.8.0.255", false,
            ValueType.DOUBLE_LONG_UNSIGNED, -1);

    private static final int MICRO_WH_EXPONENT = -6;
    private static final long DOUBLE_LONG_MODULUS = 1L << 32;

    public EnergyRegisters {
        Objects.requireNonNull(importObis, "importObis");
        Objects.requireNonNull(exportObis, "exportObis");
        Objects.requireNonNull(valueType, "valueType");
        if (scaler < MICRO_WH_EXPONENT || scaler > 6) {
            throw new IllegalArgumentException("the lab counts energy in µWh: scaler must be -6..6, was " + scaler);
        }
    }

    /**
     * The value attribute for an energy of {@code microWattHours}: an integer type truncates to the register's
     * resolution, a float keeps the fraction (12.345678 kWh).
     */
    public Number raw(long microWattHours) {
        long perCount = BigDecimal.ONE.scaleByPowerOfTen(scaler - MICRO_WH_EXPONENT).longValueExact();
        return switch (valueType) {
            case DOUBLE_LONG_UNSIGNED -> microWattHours / perCount % DOUBLE_LONG_MODULUS;
            case LONG64_UNSIGNED -> microWattHours / perCount;
            case FLOAT64 -> (double) microWattHours / perCount;
        };
    }

    /** What the register shows, in Wh, exactly: the value attribute times ten to the scaler. */
    public BigDecimal wattHours(long microWattHours) {
        return new BigDecimal(raw(microWattHours).toString()).scaleByPowerOfTen(scaler).stripTrailingZeros();
    }
}
