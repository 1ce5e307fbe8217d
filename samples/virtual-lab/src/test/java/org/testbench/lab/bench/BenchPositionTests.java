package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;

/** The figures of one position, many readings at once: the noise limits hold for every reading. */
class BenchPositionTests {

    private static final SourceSettings LOAD = new SourceSettings(true, 230.0, 5.0, 0.0);
    private static final int READINGS = 10_000;

    private final MeasurementNoise noise = new MeasurementNoise(new Random(7));

    @Test
    void keepsEveryReadingWithinTheNoiseLimits() {
        BenchPosition position = new BenchPosition(EnergyIntegratorTests.meter(1));
        for (int i = 0; i < READINGS; i++) {
            Measurement on = position.measure(LOAD, noise);
            assertThat(on.volts()).isBetween(230.0 * (1 - 3 * MeasurementNoise.VOLTAGE_RELATIVE),
                    230.0 * (1 + 3 * MeasurementNoise.VOLTAGE_RELATIVE));
            assertThat(on.amperes()).isBetween(5.0 * (1 - 3 * MeasurementNoise.CURRENT_RELATIVE),
                    5.0 * (1 + 3 * MeasurementNoise.CURRENT_RELATIVE));
            Measurement off = position.measure(LOAD.withOutput(false), noise);
            assertThat(off.volts()).isBetween(0.0, 0.006);
            assertThat(off.amperes()).isBetween(0.0, 0.003);
            assertThat(off.watts()).isLessThan(1e-6);
        }
    }

    @Test
    void givesEachMeterItsOwnBurdenOfOneToTwoWatts() {
        Burden first = Burden.forMeter("26000001");
        Burden second = Burden.forMeter("26000002");
        assertThat(first).isEqualTo(Burden.forMeter("26000001"));
        assertThat(first).isNotEqualTo(second);
        for (int position = 1; position <= 48; position++) {
            Burden burden = Burden.forMeter(EnergyIntegratorTests.meter(position).serial());
            assertThat(burden.watts()).isBetween(1.0, 2.0);
            assertThat(burden.voltAmperes()).isBetween(burden.watts(), burden.watts() / 0.75);
        }
    }

    @Test
    void scalesTheBurdenWithTheSquareOfTheVoltage() {
        Burden burden = Burden.forMeter("26000001");
        assertThat(burden.wattsAt(115.0)).isEqualTo(burden.watts() / 4, within(1e-12));
    }

    @Test
    void keepsTheApparentPowerAboveTheActivePower() {
        VirtualMeter meter = EnergyIntegratorTests.meter(2);
        BenchPosition position = new BenchPosition(meter);
        for (double phase = -180; phase <= 180; phase += 15) {
            Measurement reading = position.measure(LOAD.withPhaseDegrees(phase), noise);
            assertThat(reading.voltAmperes()).isGreaterThanOrEqualTo(Math.abs(reading.watts()));
        }
    }
}
