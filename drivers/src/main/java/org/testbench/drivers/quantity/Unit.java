package org.testbench.drivers.quantity;

import java.util.Locale;

/**
 * The units a bench and a meter report, each with its dimension and its factor to the SI unit of that
 * dimension, so that a limit in mA can be checked against a reading in A and a limit in V cannot.
 */
public enum Unit {
    VOLT("V", Dimension.VOLTAGE, 1),
    MILLIVOLT("mV", Dimension.VOLTAGE, 1e-3),
    KILOVOLT("kV", Dimension.VOLTAGE, 1e3),
    AMPERE("A", Dimension.CURRENT, 1),
    MILLIAMPERE("mA", Dimension.CURRENT, 1e-3),
    WATT("W", Dimension.ACTIVE_POWER, 1),
    KILOWATT("kW", Dimension.ACTIVE_POWER, 1e3),
    VOLT_AMPERE("VA", Dimension.APPARENT_POWER, 1),
    KILOVOLT_AMPERE("kVA", Dimension.APPARENT_POWER, 1e3),
    WATT_HOUR("Wh", Dimension.ACTIVE_ENERGY, 1),
    KILOWATT_HOUR("kWh", Dimension.ACTIVE_ENERGY, 1e3),
    HERTZ("Hz", Dimension.FREQUENCY, 1),
    DEGREE("°", Dimension.ANGLE, 1),
    SECOND("s", Dimension.TIME, 1),
    MILLISECOND("ms", Dimension.TIME, 1e-3),
    PERCENT("%", Dimension.RATIO, 1);

    /** What a unit measures; only units of one dimension convert into each other. */
    public enum Dimension {
        VOLTAGE, CURRENT, ACTIVE_POWER, APPARENT_POWER, ACTIVE_ENERGY, FREQUENCY, ANGLE, TIME, RATIO
    }

    private final String symbol;
    private final Dimension dimension;
    private final double toBase;

    Unit(String symbol, Dimension dimension, double toBase) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.toBase = toBase;
    }

    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    double toBase() {
        return toBase;
    }

    /**
     * The unit with this symbol (case-sensitive: mW and MW differ); "deg" is accepted for degrees.
     *
     * @throws IllegalArgumentException naming the symbol and the known ones
     */
    public static Unit ofSymbol(String symbol) {
        String s = symbol.strip();
        if (s.equalsIgnoreCase("deg")) {
            return DEGREE;
        }
        for (Unit u : values()) {
            if (u.symbol.equals(s)) {
                return u;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Unit u : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(u.symbol);
        }
        throw new IllegalArgumentException("unknown unit '" + symbol + "' (known: " + known + ")");
    }

    @Override
    public String toString() {
        return symbol;
    }

    String describe() {
        return symbol + " (" + dimension.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }
}
