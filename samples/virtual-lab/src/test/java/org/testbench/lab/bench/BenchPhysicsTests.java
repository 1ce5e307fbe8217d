package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDisconnectControl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/**
 * What the bench measures and switches, coupled to the meters: the relay is switched with the
 * real Gurux management client over the AMI port, the meters are checked over their own ports.
 */
class BenchPhysicsTests {

    private static final int U = 0;
    private static final int I = 1;
    private static final int P = 2;
    private static final int S = 3;
    /** What separates an open from a closed relay, as a bench driver would decide. */
    private static final double CURRENT_THRESHOLD = 0.05;
    private static final GXDLMSDisconnectControl DISCONNECT_CONTROL = new GXDLMSDisconnectControl("0.0.96.3.10.255");

    private VirtualLab lab;
    private ScpiTestClient bench;

    @BeforeEach
    void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(2));
        bench = ScpiTestClient.tcp(lab.bench().scpiEndpoint());
    }

    @AfterEach
    void stopLab() throws IOException {
        bench.close();
        lab.close();
    }

    @Test
    void startsWithTheSourceOffAtNominalVoltageAndFiveAmperes() throws IOException {
        assertThat(bench.query("OUTP?")).isEqualTo("0");
        assertThat(bench.query("SOUR:VOLT?")).isEqualTo("230.000");
        assertThat(bench.query("SOUR:CURR?")).isEqualTo("5.000");
        assertThat(bench.query("SOUR:PHAS?")).isEqualTo("0.000");
        assertThat(lab.bench().sourceOn()).isFalse();
        assertThat(lab.bench().voltage()).isEqualTo(230.0);
        assertThat(lab.bench().current()).isEqualTo(5.0);
        assertThat(lab.bench().phaseDegrees()).isZero();
        assertThat(lab.meters()).allSatisfy(meter -> {
            assertThat(meter.supplyOn()).isTrue();
            assertThat(meter.amiLinkUp()).isTrue();
        });
    }

    @Test
    void currentFlowsOnlyWithSourceOnSupplyOnAndRelayClosed() throws Exception {
        VirtualMeter meter = lab.meter(1);
        assertThat(bench.measure(1)[I]).as("source off").isLessThan(0.005);

        bench.send("OUTP ON");
        double[] closed = bench.measure(1);
        assertThat(closed[U]).isCloseTo(230.0, within(230.0 * 0.001));
        assertThat(closed[I]).isCloseTo(5.0, within(5.0 * 0.002));
        assertThat(closed[I]).isGreaterThan(CURRENT_THRESHOLD);

        switchRelay(meter, false);
        assertThat(meter.relayClosed()).isFalse();
        double[] open = bench.measure(1);
        assertThat(open[U]).as("voltage stays with the relay open").isCloseTo(230.0, within(0.3));
        assertThat(open[I]).isLessThan(0.005).isLessThan(CURRENT_THRESHOLD);
        assertThat(bench.measure(2)[I]).as("the other position still carries the load").isGreaterThan(4.9);

        switchRelay(meter, true);
        assertThat(bench.measure(1)[I]).isCloseTo(5.0, within(0.01));

        bench.send("ROUT:SUPP (@1),OFF");
        assertThat(bench.measure(1)[I]).as("supply off").isLessThan(0.005);

        bench.send("ROUT:SUPP (@1),ON");
        bench.send("OUTP OFF");
        assertThat(bench.measure(1)[I]).as("source off again").isLessThan(0.005);
    }

    @Test
    void showsTheMeterBurdenWithTheRelayOpen() throws Exception {
        bench.send("OUTP ON");
        switchRelay(lab.meter(1), false);
        switchRelay(lab.meter(2), false);

        double[] first = bench.measure(1);
        double[] second = bench.measure(2);

        for (double[] reading : List.of(first, second)) {
            assertThat(reading[I]).isLessThan(0.005);
            assertThat(reading[P]).isBetween(0.99, 2.01);
            assertThat(reading[S]).isGreaterThanOrEqualTo(reading[P]).isLessThan(3.0);
        }
        assertThat(first[P]).as("each meter has its own burden").isNotCloseTo(second[P], within(0.01));
        assertThat(bench.measure(1)[P]).as("the burden is constant").isCloseTo(first[P], within(0.01));
    }

    @Test
    void addsTheBurdenToTheLoadPowerAndFollowsThePhase() throws IOException {
        bench.send("OUTP ON");
        bench.send("SOUR:PHAS 60");
        double[] inductive = bench.measure(1);
        assertThat(inductive[P]).isBetween(575.0 * 0.998 + 0.99, 575.0 * 1.002 + 2.01);
        assertThat(inductive[S]).isBetween(1150.0 * 0.998 + 0.99, 1150.0 * 1.002 + 3.0);

        bench.send("SOUR:PHAS 180");
        double[] export = bench.measure(1);
        assertThat(export[P]).isNegative().isBetween(-1150.0 * 1.002 + 0.99, -1150.0 * 0.998 + 2.01);
        assertThat(export[S]).isGreaterThanOrEqualTo(Math.abs(export[P]));

        bench.send("SOUR:PHAS 0");
        bench.send("SOUR:CURR 0");
        double[] noLoad = bench.measure(1);
        assertThat(noLoad[P]).as("the burden alone").isBetween(0.99, 2.01);
    }

    @Test
    void supplyOffRemovesTheVoltageAndSilencesTheOpticalPort() throws Exception {
        VirtualMeter meter = lab.meter(1);
        bench.send("OUTP ON");

        bench.send("ROUTe:SUPPly (@1),OFF");

        double[] dead = bench.measure(1);
        assertThat(dead[U]).isLessThan(0.01);
        assertThat(dead[I]).isLessThan(0.005);
        assertThat(dead[P]).isLessThan(0.001);
        assertThat(meter.supplyOn()).isFalse();
        assertThat(lastEvent(meter).code()).as("power down").isEqualTo(2);
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            optical.write(IecSignOn.withParity("/?!\r\n"));
            assertThat(optical.read(Duration.ofMillis(700))).as("the dead meter hangs up").isEqualTo(-1);
        }
        assertThat(bench.measure(2)[U]).as("the other position keeps its voltage").isGreaterThan(229.0);

        bench.send("ROUT:SUPP (@1),ON");

        assertThat(bench.measure(1)[U]).isCloseTo(230.0, within(0.3));
        assertThat(lastEvent(meter).code()).as("power up").isEqualTo(1);
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            assertThat(IecSignOn.request(optical, "", false).text()).startsWith("/TBL5");
        }
    }

    @Test
    void amiLinkOffMakesAmiConnectionsFailWhileTheOpticalPortAnswers() throws Exception {
        VirtualMeter meter = lab.meter(2);

        bench.send("ROUT:AMI (@2),OFF");
        assertThat(bench.query("*OPC?")).isEqualTo("1");

        try (Link ami = Link.tcp(meter.amiEndpoint())) {
            DlmsTestClient client = DlmsTestClient.publicClient(ami, InterfaceType.WRAPPER, false);
            assertThatThrownBy(client::associate).isInstanceOf(IOException.class);
        }
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            assertThat(IecSignOn.request(optical, "", false).text()).startsWith("/TBL5");
        }
        assertThat(meter.supplyOn()).as("the meter itself is alive").isTrue();
        assertThat(readSerialOverAmi(lab.meter(1))).as("the other meter is reachable").isEqualTo("26000001");

        bench.send("ROUT:AMI (@2),ON");
        assertThat(bench.query("*OPC?")).isEqualTo("1");

        assertThat(readSerialOverAmi(meter)).isEqualTo("26000002");
    }

    @Test
    void resetBringsBackEverySupplyAndAmiLink() throws Exception {
        bench.send("ROUT:SUPP (@1),OFF");
        bench.send("ROUT:AMI (@2),OFF");
        bench.send("*RST");
        assertThat(bench.query("*OPC?")).isEqualTo("1");

        assertThat(readSerialOverAmi(lab.meter(1))).isEqualTo("26000001");
        assertThat(readSerialOverAmi(lab.meter(2))).isEqualTo("26000002");
    }

    @Test
    void testAccessorsMeasureLikeScpi() throws IOException {
        bench.send("OUTP ON");
        assertThat(bench.query("*OPC?")).isEqualTo("1");
        Measurement measurement = lab.bench().measure(1);
        assertThat(measurement.volts()).isCloseTo(230.0, within(0.3));
        assertThat(measurement.amperes()).isCloseTo(5.0, within(0.01));
        assertThat(measurement.voltAmperes()).isGreaterThanOrEqualTo(Math.abs(measurement.watts()));
        assertThatThrownBy(() -> lab.bench().measure(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..2");
    }

    /** Remote disconnect (method 1) or reconnect (method 2) through the management association. */
    private void switchRelay(VirtualMeter meter, boolean close) throws Exception {
        MeterSecrets keys = TestLabs.keysOf(lab, meter);
        try (DlmsTestClient client = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, keys.encryptionKey(), keys.authenticationKey(),
                meter.lastAcceptedInvocationCounter() + 1, false)) {
            client.associate();
            client.invoke(close ? DISCONNECT_CONTROL.remoteReconnect(client.gurux())
                    : DISCONNECT_CONTROL.remoteDisconnect(client.gurux()));
            client.release();
        }
        assertThat(meter.relayClosed()).isEqualTo(close);
    }

    private static Object readSerialOverAmi(VirtualMeter meter) throws Exception {
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            Object serial = client.read(new GXDLMSData("0.0.96.1.0.255"), 2);
            client.release();
            return serial;
        }
    }

    private static MeterEvent lastEvent(VirtualMeter meter) {
        List<MeterEvent> events = meter.eventLog();
        return events.get(events.size() - 1);
    }
}
