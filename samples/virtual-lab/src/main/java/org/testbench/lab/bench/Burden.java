package org.testbench.lab.bench;

import java.util.Random;

/**
 * A meter's own consumption in the voltage path, as the bench measures it at nominal voltage:
 * about 1–2 W and a little more in VA. The meter behaves as a constant impedance, so the burden
 * scales with the square of the voltage. It is what makes P and S non-zero with the relay open,
 * and why a load switch is judged by its current.
 *
 * @param watts active power at {@link SourceSettings#NOMINAL_VOLTS}
 * @param voltAmperes apparent power at nominal voltage, at least {@code watts}
 */
record Burden(double watts, double voltAmperes) {

    private static final double MIN_WATTS = 1.0;
    private static final double SPAN_WATTS = 1.0;
    /** A switched-mode meter supply: power factor 0.75..0.95. */
    private static final double MIN_POWER_FACTOR = 0.75;
    private static final double SPAN_POWER_FACTOR = 0.20;
    /** Spreads the serials' similar hash codes over the seed space. */
    private static final long SEED_MIXER = 0x9E3779B97F4A7C15L;

    Burden {
        if (!(watts >= 0 && voltAmperes >= watts)) {
            throw new IllegalArgumentException("a burden needs 0 <= W <= VA, was " + watts + " W, " + voltAmperes + " VA");
        }
    }

    /** The same burden at every start for the same meter, different from meter to meter. */
    static Burden forMeter(String serial) {
        Random random = new Random(serial.hashCode() * SEED_MIXER);
        double watts = MIN_WATTS + SPAN_WATTS * random.nextDouble();
        double powerFactor = MIN_POWER_FACTOR + SPAN_POWER_FACTOR * random.nextDouble();
        return new Burden(watts, watts / powerFactor);
    }

    double wattsAt(double volts) {
        return watts * scale(volts);
    }

    double voltAmperesAt(double volts) {
        return voltAmperes * scale(volts);
    }

    private static double scale(double volts) {
        double ratio = volts / SourceSettings.NOMINAL_VOLTS;
        return ratio * ratio;
    }
}
