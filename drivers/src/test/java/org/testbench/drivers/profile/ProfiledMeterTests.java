package org.testbench.drivers.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterReadout.Unavailable;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Meter profiles against the virtual lab's meter, over its optical port (pseudo-terminal) and its AMI port
 * (TCP): the default profile reads as the bench always did, and variants of it — another reader client,
 * objects the type does not have, objects the meter lacks, a wrong serial, a wrong password — behave as a
 * lab engineer expects of a meter of another make.
 */
class ProfiledMeterTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(3));
    private static LabFixture fixture;
    private static MeterKeyStore keys;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(1);
        keys = fixture.keyStore();
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static VirtualMeter meter() {
        return fixture.meter(1);
    }

    private static MeterChannel optical(MeterProfile profile) {
        return ProfiledMeter.opticalChannel(profile, PortAddress.parse(meter().opticalEndpoint()), SignOnOptions.defaults());
    }

    private static MeterChannel ami(MeterProfile profile) {
        return ProfiledMeter.amiChannel(profile, PortAddress.parse(meter().amiEndpoint()), Duration.ofSeconds(2));
    }

    private static ProfiledMeter profiled(MeterProfile profile, MeterChannel channel, Optional<String> serial) {
        return new ProfiledMeter(profile, channel, serial, Optional.of(keys), OPTIONS);
    }

    @Test
    void theDefaultProfileReadsIdentityRegistersAndLoadSwitchOverTheOpticalPort() throws Exception {
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL;
        MeterReadout r = profiled(profile, optical(profile), Optional.empty()).read(List.of());

        assertThat(r.identity().serial()).isEqualTo(meter().serial());
        assertThat(r.values()).extracting(CosemValue::obis)
                .containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT, StandardObis.ACTIVE_ENERGY_EXPORT);
        assertThat(r.loadSwitch()).get().extracting(LoadSwitchState::outputState).isEqualTo(meter().relayClosed());
        assertThat(r.unavailable()).isEmpty();
    }

    @Test
    void aReaderThatIsTheManagementClientReadsWithTheMetersKeys() throws Exception {
        // Meters whose registers need the management association are read through it (HLS-GMAC, suite 0).
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL.withClients(new Clients(DlmsClient.MANAGEMENT,
                Optional.of(DlmsClient.MANAGEMENT), DlmsClient.PUBLIC));
        for (MeterChannel channel : List.of(optical(profile), ami(profile))) {
            ProfiledMeter m = profiled(profile, channel, Optional.empty());
            MeterReadout r = m.read(List.of());
            assertThat(r.identity().serial()).isEqualTo(meter().serial());
            assertThat(r.values()).hasSize(2);
            // A second association continues above the counter the first one used.
            assertThat(m.read(List.of(StandardObis.CLOCK)).values()).hasSize(1);
        }
    }

    @Test
    void objectsTheTypeDoesNotHaveAreReportedAbsentAndTheRestIsRead() throws Exception {
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL.withObjects(MeterProfile.TESTBENCH_VIRTUAL.objects()
                .with(MeterObject.ENERGY_EXPORT, Optional.empty())
                .with(MeterObject.DISCONNECT_CONTROL, Optional.empty())
                .with(MeterObject.FIRMWARE, Optional.empty()));
        MeterReadout r = profiled(profile, ami(profile), Optional.of(meter().serial())).read(List.of());

        assertThat(r.values()).extracting(CosemValue::obis).containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT);
        assertThat(r.loadSwitch()).isEmpty();
        assertThat(r.identity().firmware()).isEmpty();
        assertThat(r.unavailable()).extracting(Unavailable::name)
                .containsExactly("firmware", "energyExport", "disconnectControl");
        assertThat(r.unavailable()).allSatisfy(u -> {
            assertThat(u.absentFromMeterType()).isTrue();
            assertThat(u.reason()).contains("absent from this meter type");
        });
    }

    @Test
    void anObjectTheMeterLacksIsReportedWithItsObisAndTheMetersReason() throws Exception {
        Obis missing = Obis.parse("1.0.2.8.1.255");
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL.withObjects(MeterProfile.TESTBENCH_VIRTUAL.objects()
                .with(MeterObject.ENERGY_EXPORT, Optional.of(missing)));
        MeterReadout r = profiled(profile, optical(profile), Optional.empty()).read(List.of());

        assertThat(r.values()).extracting(CosemValue::obis).containsExactly(StandardObis.ACTIVE_ENERGY_IMPORT);
        assertThat(r.loadSwitch()).isPresent();
        assertThat(r.unavailable()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("energyExport");
            assertThat(u.obis()).contains(missing);
            assertThat(u.reason()).contains(missing.toString()).containsIgnoringCase("undefined object");
        });
    }

    @Test
    void aMeterAnsweringAnotherSerialIsTheWrongMeter() {
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL;
        assertThatThrownBy(() -> profiled(profile, ami(profile), Optional.of("LAB99999999")).read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.WRONG_METER);
                    assertThat(e.getMessage()).contains("answers serial " + meter().serial())
                            .contains("expects meter LAB99999999");
                });
        // Also when the serial is only looked up to find the management keys.
        assertThatThrownBy(() -> profiled(profile, ami(profile), Optional.of("LAB99999999"))
                .open(ClientJob.MANAGEMENT).close())
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.WRONG_METER));
    }

    @Test
    void aClientWithoutItsCredentialsIsAKeysError() {
        DlmsClient lls = new DlmsClient(32, AuthenticationMechanism.LOW, ApduSecurity.NONE, 0, Optional.empty());
        MeterProfile llsReader = MeterProfile.TESTBENCH_VIRTUAL.withClients(new Clients(lls, Optional.empty(),
                DlmsClient.PUBLIC));
        assertThatThrownBy(() -> new ProfiledMeter(llsReader, ami(llsReader), Optional.of(meter().serial()),
                Optional.empty(), OPTIONS).read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.KEYS);
                    assertThat(e.getMessage()).contains("reader client 32 (low) needs the meter's LLS password");
                });
        // The keystore has no <serial>.lls entry for this meter.
        assertThatThrownBy(() -> profiled(llsReader, ami(llsReader), Optional.of(meter().serial())).read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.KEYS);
                    assertThat(e.getMessage()).contains(".lls");
                });
        MeterProfile noManagement = MeterProfile.TESTBENCH_VIRTUAL.withClients(new Clients(DlmsClient.PUBLIC,
                Optional.empty(), DlmsClient.PUBLIC));
        assertThatThrownBy(() -> profiled(noManagement, ami(noManagement), Optional.empty()).open(ClientJob.MANAGEMENT))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.getMessage())
                        .contains("has no management client"));
    }

    @Test
    void switchesThroughTheProfilesManagementClientAndDisconnectControl() throws Exception {
        MeterProfile profile = MeterProfile.TESTBENCH_VIRTUAL;
        ProfiledMeter m = profiled(profile, ami(profile), Optional.empty());
        Obis dc = profile.objects().require(MeterObject.DISCONNECT_CONTROL, profile.describe());
        try (MeterSession s = m.open(ClientJob.MANAGEMENT)) {
            s.remoteDisconnect(dc);
            assertThat(s.readLoadSwitch(dc).relay()).isEqualTo(LoadSwitchState.Relay.OPEN);
            s.remoteReconnect(dc);
            assertThat(s.readLoadSwitch(dc).relay()).isEqualTo(LoadSwitchState.Relay.CLOSED);
        }
        assertThat(meter().relayClosed()).isTrue();
    }
}
