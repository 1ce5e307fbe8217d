package org.testbench.drivers.dlms;

import gurux.dlms.enums.Unit;
import java.util.EnumMap;
import java.util.Map;

/** Unit symbols for the DLMS unit enumeration (IEC 62056-6-2, table of units). */
final class Units {

    private static final Map<Unit, String> SYMBOLS = new EnumMap<>(Unit.class);

    static {
        SYMBOLS.put(Unit.YEAR, "a");
        SYMBOLS.put(Unit.MONTH, "mo");
        SYMBOLS.put(Unit.WEEK, "wk");
        SYMBOLS.put(Unit.DAY, "d");
        SYMBOLS.put(Unit.HOUR, "h");
        SYMBOLS.put(Unit.MINUTE, "min");
        SYMBOLS.put(Unit.SECOND, "s");
        SYMBOLS.put(Unit.PHASE_ANGLE_DEGREE, "°");
        SYMBOLS.put(Unit.TEMPERATURE, "°C");
        SYMBOLS.put(Unit.ACTIVE_POWER, "W");
        SYMBOLS.put(Unit.APPARENT_POWER, "VA");
        SYMBOLS.put(Unit.REACTIVE_POWER, "var");
        SYMBOLS.put(Unit.ACTIVE_ENERGY, "Wh");
        SYMBOLS.put(Unit.APPARENT_ENERGY, "VAh");
        SYMBOLS.put(Unit.REACTIVE_ENERGY, "varh");
        SYMBOLS.put(Unit.CURRENT, "A");
        SYMBOLS.put(Unit.ELECTRICAL_CHARGE, "C");
        SYMBOLS.put(Unit.VOLTAGE, "V");
        SYMBOLS.put(Unit.FREQUENCY, "Hz");
        SYMBOLS.put(Unit.RESISTANCE, "Ω");
        SYMBOLS.put(Unit.PERCENTAGE, "%");
        SYMBOLS.put(Unit.AMPERE_HOURS, "Ah");
    }

    private Units() {
    }

    /** The symbol, or null for "no unit"; an unusual unit keeps its enumeration name. */
    static String symbol(Unit unit) {
        if (unit == null || unit == Unit.NONE) {
            return null;
        }
        return SYMBOLS.getOrDefault(unit, unit.name().toLowerCase(java.util.Locale.ROOT));
    }
}
