package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterPorts;
import org.testbench.lab.meter.MeterState;
import org.testbench.lab.meter.VirtualMeter;

/** Energy integration with a hand-driven clock: no sleeping, exact figures. */
class EnergyIntegratorTests {

    private static final long ONE_SECOND = 1_000_000_000L;
    private static final SourceSettings LOAD = new SourceSettings(true, 230.0, 5.0, 0.0);

    private final AtomicLong nanos = new AtomicLong(42);
    private final VirtualMeter meter = meter(1);
    private final List<BenchPosition> positions = List.of(new BenchPosition(meter));

    @Test
    void countsOneSecondAsOneHourAtAcceleration3600() {
        EnergyIntegrator integrator = new EnergyIntegrator(3600.0, nanos::get);
        double before = meter.importEnergyWh();

        nanos.addAndGet(ONE_SECOND);
        integrator.accrue(LOAD, positions);

        assertThat(meter.importEnergyWh() - before).isCloseTo(1150.0, within(1e-6));
    }

    @Test
    void countsRealTimeByDefaultAndNothingTwice() {
        EnergyIntegrator integrator = new EnergyIntegrator(1.0, nanos::get);
        double before = meter.importEnergyWh();

        nanos.addAndGet(36 * ONE_SECOND);
        integrator.accrue(LOAD, positions);
        integrator.accrue(LOAD, positions);

        assertThat(meter.importEnergyWh() - before).isCloseTo(11.5, within(1e-6));
    }

    @Test
    void sendsNegativePowerToTheExportRegister() {
        EnergyIntegrator integrator = new EnergyIntegrator(3600.0, nanos::get);
        double importBefore = meter.importEnergyWh();
        double exportBefore = meter.exportEnergyWh();

        nanos.addAndGet(ONE_SECOND);
        integrator.accrue(LOAD.withPhaseDegrees(-180.0), positions);
        nanos.addAndGet(ONE_SECOND);
        integrator.accrue(LOAD.withPhaseDegrees(90.0), positions);

        assertThat(meter.exportEnergyWh() - exportBefore).isCloseTo(1150.0, within(1e-6));
        assertThat(meter.importEnergyWh()).isEqualTo(importBefore);
    }

    @Test
    void countsNothingWhenNoCurrentFlows() {
        EnergyIntegrator integrator = new EnergyIntegrator(3600.0, nanos::get);
        double before = meter.importEnergyWh();

        nanos.addAndGet(ONE_SECOND);
        integrator.accrue(LOAD.withOutput(false), positions);
        meter.setSupplyOn(false);
        nanos.addAndGet(ONE_SECOND);
        integrator.accrue(LOAD, positions);

        assertThat(meter.importEnergyWh()).isEqualTo(before);
    }

    @Test
    void refusesANonPositiveAcceleration() {
        assertThatThrownBy(() -> new EnergyIntegrator(0.0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnergyIntegrator(Double.NaN, nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static VirtualMeter meter(int position) {
        MeterState state = new MeterState(MeterIdentity.forPosition(position), 1000.0, 10.0, true, Clock.systemUTC());
        return new VirtualMeter(state, new MeterPorts() {
            @Override
            public String opticalEndpoint() {
                return "tcp:127.0.0.1:1";
            }

            @Override
            public Optional<Path> opticalPty() {
                return Optional.empty();
            }

            @Override
            public String amiEndpoint() {
                return "tcp:127.0.0.1:2";
            }

            @Override
            public org.testbench.lab.port.LineRecord opticalLine() {
                return new org.testbench.lab.port.LineRecord();
            }
        });
    }
}
