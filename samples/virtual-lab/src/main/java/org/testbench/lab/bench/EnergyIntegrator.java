package org.testbench.lab.bench;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Counts the load energy through each position into its meter's registers: the integral of the
 * true load power (not the burden, not the noise) over wall time, multiplied by the lab's time
 * acceleration. Positive power goes to the import register, negative power to the export
 * register.
 *
 * <p>The caller accrues with the settings that held since the previous accrual: periodically, and
 * also just before it changes the source or a supply, so that a change is counted from the moment
 * it happened and not from the next tick. Not thread-safe: the bench calls it under its lock.
 */
final class EnergyIntegrator {

    private static final double NANOS_PER_HOUR = 3_600_000_000_000.0;

    private final double timeAcceleration;
    private final LongSupplier nanoTime;
    private long lastAccrualNanos;

    /**
     * @param timeAcceleration simulated time per wall time (3600: one second counts as one hour)
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    EnergyIntegrator(double timeAcceleration, LongSupplier nanoTime) {
        if (!(timeAcceleration > 0) || Double.isInfinite(timeAcceleration)) {
            throw new IllegalArgumentException("time acceleration must be a positive number, was " + timeAcceleration);
        }
        this.timeAcceleration = timeAcceleration;
        this.nanoTime = nanoTime;
        this.lastAccrualNanos = nanoTime.getAsLong();
    }

    double timeAcceleration() {
        return timeAcceleration;
    }

    /** Adds the energy of the time since the last accrual, under {@code source}, to every meter. */
    void accrue(SourceSettings source, List<BenchPosition> positions) {
        long now = nanoTime.getAsLong();
        double simulatedHours = (now - lastAccrualNanos) / NANOS_PER_HOUR * timeAcceleration;
        lastAccrualNanos = now;
        if (simulatedHours <= 0) {
            return;
        }
        for (BenchPosition position : positions) {
            double wattHours = position.loadWatts(source) * simulatedHours;
            if (wattHours > 0) {
                position.meter().addEnergy(wattHours, 0.0);
            } else if (wattHours < 0) {
                position.meter().addEnergy(0.0, -wattHours);
            }
        }
    }
}
