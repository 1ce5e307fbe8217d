package org.testbench.lab.bench;

/**
 * The bench's source: on or off, and the voltage, current and phase angle it delivers when on.
 * Immutable; the bench swaps the whole value, so a reader never sees half a change.
 *
 * @param phaseDegrees angle of the current against the voltage, -180..180 (0 resistive import,
 *        180 export)
 */
record SourceSettings(boolean outputOn, double volts, double amperes, double phaseDegrees) {

    static final NumericSetting VOLTAGE = new NumericSetting("voltage", "V", 0, 300);
    static final NumericSetting CURRENT = new NumericSetting("current", "A", 0, 100);
    static final NumericSetting PHASE = new NumericSetting("phase", "DEG", -180, 180);

    static final double NOMINAL_VOLTS = 230.0;
    /** The current a lab starts with, so that {@code OUTP ON} alone puts a load on every closed relay. */
    static final double START_AMPERES = 5.0;

    /** After {@code *RST}, as the contract says: off, 230 V, 0 A, 0°. */
    static final SourceSettings AFTER_RESET = new SourceSettings(false, NOMINAL_VOLTS, 0.0, 0.0);
    /** When a lab starts: as after a reset, but with 5 A set. */
    static final SourceSettings AT_START = new SourceSettings(false, NOMINAL_VOLTS, START_AMPERES, 0.0);

    SourceSettings {
        require(VOLTAGE, volts);
        require(CURRENT, amperes);
        require(PHASE, phaseDegrees);
    }

    private static void require(NumericSetting setting, double value) {
        if (!setting.contains(value)) {
            throw new IllegalArgumentException(setting.name() + " " + value + " " + setting.unit() + " is outside "
                    + setting.range());
        }
    }

    SourceSettings withOutput(boolean on) {
        return new SourceSettings(on, volts, amperes, phaseDegrees);
    }

    SourceSettings withVolts(double value) {
        return new SourceSettings(outputOn, value, amperes, phaseDegrees);
    }

    SourceSettings withAmperes(double value) {
        return new SourceSettings(outputOn, volts, value, phaseDegrees);
    }

    SourceSettings withPhaseDegrees(double value) {
        return new SourceSettings(outputOn, volts, amperes, value);
    }

    /** cos φ; exactly 0 at ±90° and exactly -1 at ±180°, so no rounding turns export into import. */
    double powerFactor() {
        double absolute = Math.abs(phaseDegrees);
        if (absolute == 90.0) {
            return 0.0;
        }
        if (absolute == 180.0) {
            return -1.0;
        }
        return Math.cos(Math.toRadians(phaseDegrees));
    }

    @Override
    public String toString() {
        return (outputOn ? "on" : "off") + ", " + ScpiNumbers.fixed(volts, 3) + " V, " + ScpiNumbers.fixed(amperes, 3)
                + " A, " + ScpiNumbers.fixed(phaseDegrees, 3) + " deg";
    }
}
