package org.testbench.lab.meter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
 * @param importTariffs empty: one import register at {@code importObis}; else the meter has no total import
 *        register and keeps import energy only in these tariff registers (1.0.1.8.1.255, 1.0.1.8.2.255, …), each
 *        of the same class, data type and scaler
 */
public record EnergyRegisters(String importObis, String exportObis, boolean extended, ValueType valueType,
        int scaler, List<String> importTariffs) {

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

    public EnergyRegisters(String importObis, String exportObis, boolean extended, ValueType valueType, int scaler) {
        this(importObis, exportObis, extended, valueType, scaler, List.of());
    }

    public EnergyRegisters {
        importTariffs = List.copyOf(importTariffs);
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

    /** True when the meter keeps import energy only per tariff, with no total register. */
    public boolean tariffsOnly() {
        return !importTariffs.isEmpty();
    }

    /**
     * How a tariff meter has split {@code microWattHours} of import between its tariffs: the lab's meters have no
     * time-of-use calendar, so each tariff after the first takes a fixed, different share of what the one before
     * it took (tariff 1 three fifths, tariff 2 three fifths of the rest, …, the last tariff the remainder): every
     * tariff register shows its own value and the parts add up to the energy measured, to the µWh.
     */
    public List<Long> tariffShares(long microWattHours) {
        List<Long> shares = new ArrayList<>();
        long rest = microWattHours;
        for (int i = 0; i < importTariffs.size() - 1; i++) {
            long share = rest / 5 * 3;
            shares.add(share);
            rest -= share;
        }
        shares.add(rest);
        return shares;
    }

    /**
     * What the import register shows, in Wh, exactly; for a tariff meter, the sum of what its tariff registers
     * show (each truncated to its resolution, as the meter truncates it).
     */
    public BigDecimal importWattHours(long microWattHours) {
        if (!tariffsOnly()) {
            return wattHours(microWattHours);
        }
        return tariffShares(microWattHours).stream().map(this::wattHours).reduce(BigDecimal.ZERO, BigDecimal::add)
                .stripTrailingZeros();
    }

    /** What the register shows, in Wh, exactly: the value attribute times ten to the scaler. */
    public BigDecimal wattHours(long microWattHours) {
        return new BigDecimal(raw(microWattHours).toString()).scaleByPowerOfTen(scaler).stripTrailingZeros();
    }
}
