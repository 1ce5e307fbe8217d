package org.testbench.lab.mdms.headend;

import java.util.Map;

import gurux.dlms.enums.Unit;

/** The symbols an MDMS shows for COSEM units (IEC 62056-6-2 unit enumeration). */
final class UnitSymbols {

    private static final Map<Unit, String> SYMBOLS = Map.ofEntries(
            Map.entry(Unit.NONE, ""),
            Map.entry(Unit.NO_UNIT, ""),
            Map.entry(Unit.ACTIVE_ENERGY, "Wh"),
            Map.entry(Unit.REACTIVE_ENERGY, "varh"),
            Map.entry(Unit.APPARENT_ENERGY, "VAh"),
            Map.entry(Unit.ACTIVE_POWER, "W"),
            Map.entry(Unit.REACTIVE_POWER, "var"),
            Map.entry(Unit.APPARENT_POWER, "VA"),
            Map.entry(Unit.VOLTAGE, "V"),
            Map.entry(Unit.CURRENT, "A"),
            Map.entry(Unit.FREQUENCY, "Hz"));

    private UnitSymbols() {
    }

    /** The symbol, or Gurux's name of the unit for the rare ones an MDMS would spell out. */
    static String of(Unit unit) {
        if (unit == null) {
            return "";
        }
        return SYMBOLS.getOrDefault(unit, unit.toString());
    }
}
