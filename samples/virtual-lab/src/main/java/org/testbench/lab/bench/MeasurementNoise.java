package org.testbench.lab.bench;

import java.util.Random;

/**
 * The scatter of the bench's measurements: relative to the value while a quantity is present, a
 * few milli-units around zero while it is absent. Gaussian, but cut at three standard deviations,
 * so that limits such as "an open relay carries less than 5 mA" hold always, not just usually.
 * Thread-safe ({@link Random} is).
 */
final class MeasurementNoise {

    /** Standard deviation of a present voltage: 0.02 %. */
    static final double VOLTAGE_RELATIVE = 0.0002;
    /** Standard deviation of a flowing current: 0.05 %. */
    static final double CURRENT_RELATIVE = 0.0005;
    /** Standard deviation of the reading without voltage: 2 mV (at most 6 mV). */
    static final double ABSENT_VOLTS = 0.002;
    /** Standard deviation of the reading without current: 1 mA (at most 3 mA). */
    static final double ABSENT_AMPERES = 0.001;

    private static final double CUT_AT_SIGMAS = 3.0;

    private final Random random;

    MeasurementNoise(Random random) {
        this.random = random;
    }

    double volts(double trueVolts, boolean present) {
        return present ? trueVolts * (1 + VOLTAGE_RELATIVE * gaussian()) : ABSENT_VOLTS * Math.abs(gaussian());
    }

    double amperes(double trueAmperes, boolean flowing) {
        return flowing ? trueAmperes * (1 + CURRENT_RELATIVE * gaussian()) : ABSENT_AMPERES * Math.abs(gaussian());
    }

    private double gaussian() {
        return Math.max(-CUT_AT_SIGMAS, Math.min(CUT_AT_SIGMAS, random.nextGaussian()));
    }
}
