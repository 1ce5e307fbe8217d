package org.testbench.drivers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.evidence.LoadSwitchEvidence;
import org.testbench.drivers.evidence.LoadSwitchThresholds;
import org.testbench.drivers.evidence.SwitchPosition;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.VirtualMeter;

/** The SCPI driver against the virtual lab's bench, which is wired to the virtual meters. */
class ScpiBenchTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final SessionOptions OPTIONS = SessionOptions.defaults();
    private static LabFixture fixture;
    private ScpiBench bench;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(LabConfig.builder().meters(2).opticalPty(false));
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void connect() throws Exception {
        bench = ScpiBench.connect(PortAddress.parse(fixture.lab().bench().scpiEndpoint()), TIMEOUT);
        bench.reset();
        bench.configureSource(SourceSettings.of(230, 5, 0));
    }

    @AfterEach
    void leaveTheBenchSafe() throws Exception {
        bench.reset();
        bench.close();
    }

    @Test
    void identifiesTheBenchAndItsPositions() {
        assertThat(bench.identity().manufacturer()).isNotBlank();
        assertThat(bench.positions()).isEqualTo(2);
    }

    @Test
    void readsBackTheSourceSettings() throws Exception {
        bench.configureSource(SourceSettings.of(120, 2.5, 180));
        SourceSettings s = bench.sourceSettings();
        assertThat(s.voltage().in(Unit.VOLT)).isEqualTo(120);
        assertThat(s.current().in(Unit.AMPERE)).isEqualTo(2.5);
        assertThat(s.phase().in(Unit.DEGREE)).isEqualTo(180);
        assertThat(bench.isSourceOn()).isFalse();
    }

    @Test
    void currentFlowsOnlyThroughAClosedRelayAndTheEvidenceSaysSo() throws Exception {
        VirtualMeter meter = fixture.meter(1);
        OpticalChannel optical = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
        LoadSwitchThresholds thresholds = LoadSwitchThresholds.forNominalCurrent(Quantity.of(5, Unit.AMPERE));
        assertThat(bench.measure(1).current().in(Unit.AMPERE)).as("source off").isLessThan(0.01);
        bench.setSourceOn(true);

        try (MeterSession session = MeterSession.openManagement(optical, fixture.keyStore(), OPTIONS)) {
            BenchReading closed = bench.measure(1);
            assertThat(closed.current().in(Unit.AMPERE)).isCloseTo(5, Offset.offset(0.05));
            assertThat(closed.activePower().in(Unit.WATT)).isCloseTo(1150, Offset.offset(10.0));
            assertThat(new LoadSwitchEvidence(session.readLoadSwitch(), closed, thresholds)
                    .confirms(SwitchPosition.CLOSED)).isTrue();

            session.remoteDisconnect();
            Thread.sleep(150); // the simulated bench follows the relay at its next 100 ms tick
            BenchReading open = bench.measure(1);
            assertThat(open.current().in(Unit.AMPERE)).isLessThan(0.05);
            assertThat(open.activePower().in(Unit.WATT)).as("the meter's own burden").isBetween(0.5, 2.5);
            LoadSwitchEvidence evidence = new LoadSwitchEvidence(session.readLoadSwitch(), open, thresholds);
            assertThat(evidence.confirms(SwitchPosition.OPEN)).as(evidence.describe()).isTrue();

            session.remoteReconnect();
        }
        Thread.sleep(150);
        assertThat(bench.measure(1).current().in(Unit.AMPERE)).isCloseTo(5, Offset.offset(0.05));
    }

    @Test
    void amiLinkOffMakesTheMeterUnreachableForTheHeadEndOnly() throws Exception {
        VirtualMeter meter = fixture.meter(2);
        bench.setAmiLink(2, false);
        assertThat(bench.isAmiLinkUp(2)).isFalse();

        assertThatThrownBy(() -> ProfiledMeter.read(new AmiChannel(PortAddress.parse(meter.amiEndpoint()), TIMEOUT),
                List.of(), OPTIONS)).isInstanceOf(DeviceException.class);
        MeterReadout optical = ProfiledMeter.read(new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())),
                List.of(), OPTIONS);
        assertThat(optical.identity().serial()).isEqualTo(meter.serial());

        bench.setAmiLink(2, true);
        assertThat(ProfiledMeter.read(new AmiChannel(PortAddress.parse(meter.amiEndpoint()), TIMEOUT), List.of(),
                OPTIONS).identity().serial()).isEqualTo(meter.serial());
    }

    @Test
    void supplyOffTakesTheMeterDown() throws Exception {
        VirtualMeter meter = fixture.meter(2);
        bench.setSourceOn(true);
        bench.setSupply(2, false);

        assertThat(bench.isSupplyOn(2)).isFalse();
        assertThat(bench.measure(2).voltage().in(Unit.VOLT)).isLessThan(1);
        SignOnOptions quick = SignOnOptions.defaults().withAttempts(1);
        assertThatThrownBy(() -> ProfiledMeter.read(new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()), quick),
                List.of(), OPTIONS))
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.fault()).isIn(Fault.NO_ANSWER, Fault.CONNECTION_LOST));

        bench.setSupply(2, true);
        assertThat(bench.measure(2).voltage().in(Unit.VOLT)).isGreaterThan(200);
    }

    @Test
    void turnsAnInstrumentErrorIntoAMessage() {
        assertThatThrownBy(() -> bench.configureSource(SourceSettings.of(400, 5, 0)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.REJECTED))
                .hasMessageContaining("SOUR:VOLT 400")
                .hasMessageContaining("-222");
    }

    @Test
    void keepsTheConversationAsEvidence() throws Exception {
        bench.measure(2);
        List<ScpiExchange> evidence = bench.evidence();
        ScpiExchange last = evidence.get(evidence.size() - 1);
        assertThat(last.command()).isEqualTo("MEAS:ALL? (@2)");
        assertThat(last.reply()).matches("[-0-9.]+,[-0-9.]+,[-0-9.]+,[-0-9.]+");
        assertThat(evidence).extracting(ScpiExchange::command).contains("*RST", "SOUR:VOLT 230", "SYST:ERR?");
    }

    @Test
    void speaksTheSameOverTheSerialLine() throws Exception {
        assumeThat(fixture.lab().bench().serialPty()).as("socat installed").isPresent();
        try (ScpiBench serial = ScpiBench.connect(PortAddress.device(fixture.lab().bench().serialPty().orElseThrow()),
                TIMEOUT)) {
            assertThat(serial.identity()).isEqualTo(bench.identity());
            bench.setSourceOn(true);
            assertThat(serial.isSourceOn()).isTrue();
            assertThat(serial.measure(1).voltage().in(Unit.VOLT)).isCloseTo(230, Offset.offset(1.0));
        }
    }
}
