package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;

import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSDisconnectControl;
import gurux.dlms.objects.GXDLMSRegister;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/**
 * The meters count the load energy the bench drives through them, accelerated 3600 times (a second
 * of wall time is an hour): 230 V x 5 A = 1150 W gives 1150 Wh per second. The registers are read
 * over DLMS, as a head-end would.
 */
class BenchEnergyTests {

    private static final double ACCELERATION = 3600.0;
    private static final double LOAD_WATTS = 230.0 * 5.0;
    /** Wh per nanosecond of wall time at the load power, accelerated. */
    private static final double WH_PER_NANO = LOAD_WATTS * ACCELERATION / 3_600_000_000_000.0;
    /** The register's resolution: scaler -1, 0.1 Wh. */
    private static final double RESOLUTION_WH = 0.1;

    private VirtualLab lab;
    private ScpiTestClient bench;

    @BeforeEach
    void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(2).timeAcceleration(ACCELERATION));
        bench = ScpiTestClient.tcp(lab.bench().scpiEndpoint());
    }

    @AfterEach
    void stopLab() throws IOException {
        bench.close();
        lab.close();
    }

    @Test
    void importRegisterAdvancesWithTheAcceleratedLoadPower() throws Exception {
        VirtualMeter meter = lab.meter(1);
        double importBefore = readRegister(meter, "1.0.1.8.0.255");
        double exportBefore = readRegister(meter, "1.0.2.8.0.255");

        OnPeriod on = runSourceFor(300, () -> {
            // Read while the source is on: the ticker, not the switching, moves the register.
            assertThat(readRegister(meter, "1.0.1.8.0.255")).isGreaterThan(importBefore + 50.0);
        });

        double imported = readRegister(meter, "1.0.1.8.0.255") - importBefore;
        assertThat(imported).isBetween(on.shortestNanos() * WH_PER_NANO - RESOLUTION_WH,
                on.longestNanos() * WH_PER_NANO + RESOLUTION_WH);
        assertThat(imported).isEqualTo(meter.importEnergyWh() - importBefore, within(RESOLUTION_WH));
        assertThat(readRegister(meter, "1.0.2.8.0.255")).isEqualTo(exportBefore);
    }

    @Test
    void exportRegisterAdvancesAtPhase180() throws Exception {
        VirtualMeter meter = lab.meter(2);
        bench.send("SOUR:PHAS 180");
        double importBefore = readRegister(meter, "1.0.1.8.0.255");
        double exportBefore = readRegister(meter, "1.0.2.8.0.255");

        OnPeriod on = runSourceFor(300, () -> { });

        double exported = readRegister(meter, "1.0.2.8.0.255") - exportBefore;
        assertThat(exported).isBetween(on.shortestNanos() * WH_PER_NANO - RESOLUTION_WH,
                on.longestNanos() * WH_PER_NANO + RESOLUTION_WH);
        assertThat(readRegister(meter, "1.0.1.8.0.255")).isEqualTo(importBefore);
    }

    @Test
    void countsNothingWithoutCurrentNorTheMeterBurden() throws Exception {
        VirtualMeter open = lab.meter(1);
        VirtualMeter dead = lab.meter(2);
        openRelay(open);
        bench.send("ROUT:SUPP (@2),OFF");
        double openImport = open.importEnergyWh();
        double openExport = open.exportEnergyWh();
        double deadImport = dead.importEnergyWh();
        double deadExport = dead.exportEnergyWh();

        runSourceFor(300, () -> { });

        assertThat(open.importEnergyWh()).as("relay open, only the burden is drawn").isEqualTo(openImport);
        assertThat(open.exportEnergyWh()).isEqualTo(openExport);
        assertThat(dead.importEnergyWh()).as("supply off").isEqualTo(deadImport);
        assertThat(dead.exportEnergyWh()).isEqualTo(deadExport);
    }

    @Test
    void countsQuarterPowerAtSixtyDegreesAndHalfCurrent() throws Exception {
        VirtualMeter meter = lab.meter(1);
        bench.send("SOUR:PHAS 60");
        bench.send("SOUR:CURR 2.5");
        double before = meter.importEnergyWh();

        OnPeriod on = runSourceFor(300, () -> { });

        double imported = meter.importEnergyWh() - before;
        // Each accrual is rounded to a micro-watt-hour in the meter.
        assertThat(imported).isBetween(on.shortestNanos() * WH_PER_NANO / 4 - 1e-4,
                on.longestNanos() * WH_PER_NANO / 4 + 1e-4);
    }

    /** When the source was surely on (between the confirmations) and at most (between the commands). */
    private record OnPeriod(long shortestNanos, long longestNanos) {
    }

    /** Switches the source on, waits, runs {@code whileOn}, switches it off; *OPC? marks when each happened. */
    private OnPeriod runSourceFor(long millis, ThrowingRunnable whileOn) throws Exception {
        long beforeOn = System.nanoTime();
        bench.send("OUTP ON");
        assertThat(bench.query("*OPC?")).isEqualTo("1");
        long afterOn = System.nanoTime();
        Thread.sleep(millis);
        whileOn.run();
        long beforeOff = System.nanoTime();
        bench.send("OUTP OFF");
        assertThat(bench.query("*OPC?")).isEqualTo("1");
        long afterOff = System.nanoTime();
        return new OnPeriod(beforeOff - afterOn, afterOff - beforeOn);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Reads an energy register (scaler first, so the value comes back in Wh) with the public client. */
    private static double readRegister(VirtualMeter meter, String obis) throws Exception {
        GXDLMSRegister register = new GXDLMSRegister(obis);
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            client.read(register, 3);
            double value = ((Number) client.read(register, 2)).doubleValue();
            client.release();
            return value;
        }
    }

    private void openRelay(VirtualMeter meter) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        GXDLMSDisconnectControl disconnectControl = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, keys.encryptionKey(), keys.authenticationKey(),
                meter.lastAcceptedInvocationCounter() + 1, false)) {
            client.associate();
            client.invoke(disconnectControl.remoteDisconnect(client.gurux()));
            client.release();
        }
        assertThat(meter.relayClosed()).isFalse();
    }
}
