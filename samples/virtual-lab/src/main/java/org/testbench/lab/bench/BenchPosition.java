package org.testbench.lab.bench;

import java.util.Objects;

import org.testbench.lab.meter.VirtualMeter;

/**
 * One position of the bench and the meter mounted on it: what reaches the meter from the source,
 * given the meter's supply switch and its own relay.
 *
 * <ul>
 * <li>voltage is present while the source is on and the meter's supply is on;</li>
 * <li>current flows while, in addition, the meter's relay (load switch) is closed;</li>
 * <li>the meter's burden is measured whenever voltage is present, relay open or closed.</li>
 * </ul>
 */
final class BenchPosition {

    private final VirtualMeter meter;
    private final Burden burden;

    BenchPosition(VirtualMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.burden = Burden.forMeter(meter.serial());
    }

    VirtualMeter meter() {
        return meter;
    }

    int number() {
        return meter.position();
    }

    Burden burden() {
        return burden;
    }

    boolean voltagePresent(SourceSettings source) {
        return source.outputOn() && meter.supplyOn();
    }

    boolean currentFlows(SourceSettings source) {
        return voltagePresent(source) && meter.relayClosed();
    }

    /**
     * The true power of the load through the meter, without noise and without the burden: what the
     * meter's energy registers count (a meter does not count its own consumption). Negative while
     * exporting.
     */
    double loadWatts(SourceSettings source) {
        return currentFlows(source) ? source.volts() * source.amperes() * source.powerFactor() : 0.0;
    }

    /** A reading with the bench's measurement noise. */
    Measurement measure(SourceSettings source, MeasurementNoise noise) {
        boolean voltage = voltagePresent(source);
        boolean current = voltage && meter.relayClosed();
        double volts = noise.volts(voltage ? source.volts() : 0.0, voltage);
        double amperes = noise.amperes(current ? source.amperes() : 0.0, current);
        // The zero-current scatter is the ammeter's, not a real current: it carries no power.
        double loadAmperes = current ? amperes : 0.0;
        double watts = volts * loadAmperes * source.powerFactor() + burden.wattsAt(volts);
        double voltAmperes = volts * loadAmperes + burden.voltAmperesAt(volts);
        return new Measurement(volts, amperes, watts, voltAmperes);
    }
}
