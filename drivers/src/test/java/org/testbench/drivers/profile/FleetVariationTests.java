package org.testbench.drivers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.CosemValue;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.LoadSwitchState.Relay;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Meters that differ from the bench's own where real fleets differ — another logical device and management
 * client, energy in extended registers of another channel as long64-unsigned in 0.01 Wh, energy as a float64 in
 * kWh, a clock in another zone with daylight saving time — read through nothing but their profiles, to the exact
 * value the meter's register shows.
 */
class FleetVariationTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(3));
    private static LabFixture fixture;
    private static MeterKeyStore keys;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(LabConfig.builder().meters(2)
                .meterTypes(List.of(MeterType.EXT_REGISTER, MeterType.FLOAT_KWH)));
        keys = fixture.keyStore();
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    /** samples/meters/ext-register.yaml. */
    private static MeterProfile extRegister() {
        return new MeterProfile("Testbench Lab XR8", OpticalLink.MODE_E_DEFAULT, AmiLink.WRAPPER,
                new MeterProfile.Addresses(17, new PhysicalAddress.Fixed(17)),
                new Clients(DlmsClient.PUBLIC, Optional.of(new DlmsClient(3, AuthenticationMechanism.HLS_GMAC,
                        ApduSecurity.AUTHENTICATED_ENCRYPTED, 0, Optional.empty())), DlmsClient.PUBLIC),
                MeterProfile.STANDARD_OBJECTS.with(MeterObject.ENERGY_IMPORT, Optional.of(Obis.parse("1.1.1.8.0.255")))
                        .with(MeterObject.ENERGY_EXPORT, Optional.of(Obis.parse("1.1.2.8.0.255"))), "test");
    }

    /** samples/meters/float-kwh.yaml. */
    private static MeterProfile floatKwh() {
        return new MeterProfile("Testbench Lab FK9", OpticalLink.MODE_E_DEFAULT, AmiLink.WRAPPER,
                new MeterProfile.Addresses(1, new PhysicalAddress.Fixed(17)),
                new Clients(DlmsClient.PUBLIC, Optional.of(DlmsClient.MANAGEMENT), DlmsClient.PUBLIC),
                MeterProfile.STANDARD_OBJECTS, "test");
    }

    private static ProfiledMeter meter(MeterProfile profile, VirtualMeter m) {
        MeterChannel ami = ProfiledMeter.amiChannel(profile, PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2));
        return new ProfiledMeter(profile, ami, Optional.of(m.serial()), Optional.of(keys), OPTIONS);
    }

    private static CosemValue energyImport(MeterReadout r, MeterProfile p) {
        Obis obis = p.objects().find(MeterObject.ENERGY_IMPORT).orElseThrow();
        return r.values().stream().filter(v -> v.obis().equals(obis)).findFirst().orElseThrow(
                () -> new AssertionError("no energyImport in " + r.values() + ", unavailable " + r.unavailable()));
    }

    @Test
    void readsAnExtendedRegisterOnChannelOneExactlyInWattHours() throws Exception {
        VirtualMeter m = fixture.meter(1);
        m.addEnergy(12_345.678_9, 0.5); // on top of what the lab's meter counted before
        MeterReadout r = meter(extRegister(), m).read(List.of());
        CosemValue energy = energyImport(r, extRegister());
        assertThat(energy.unit()).isEqualTo("Wh");
        // long64-unsigned in 0.01 Wh: the bench shows what the register shows, to the last digit, not a scaler off.
        assertThat(m.importRegisterWh().scale()).isEqualTo(2);
        assertThat(BigDecimal.valueOf(energy.asDouble())).isEqualByComparingTo(m.importRegisterWh());
        assertThat(r.unavailable()).isEmpty();
    }

    @Test
    void readsAFloatRegisterInKilowattHoursExactlyInWattHours() throws Exception {
        VirtualMeter m = fixture.meter(2);
        m.addEnergy(4_321.987_654, 0);
        MeterReadout r = meter(floatKwh(), m).read(List.of());
        CosemValue energy = energyImport(r, floatKwh());
        assertThat(energy.unit()).isEqualTo("Wh");
        assertThat(m.importRegisterWh().scale()).as("a fraction of a Wh in kWh").isGreaterThan(3);
        assertThat(BigDecimal.valueOf(energy.asDouble())).isEqualByComparingTo(m.importRegisterWh());
    }

    @Test
    void readsAClockKeptInAnotherZoneWithDaylightSavingAsTheRightInstantAndOffset() throws Exception {
        VirtualMeter m = fixture.meter(1);
        MeterProfile p = extRegister();
        OffsetDateTime before = OffsetDateTime.now();
        CosemValue clock;
        try (MeterSession s = meter(p, m).open(ClientJob.READER)) {
            clock = s.read(p.objects().find(MeterObject.CLOCK).orElseThrow());
        }
        OffsetDateTime read = (OffsetDateTime) clock.value();
        // Sydney's offset at that instant (+10:00, +11:00 in its summer), and the instant itself within the read.
        assertThat(read.getOffset()).isEqualTo(ZoneId.of("Australia/Sydney").getRules().getOffset(read.toInstant()));
        assertThat(read.toInstant()).isBetween(before.toInstant().minusSeconds(2), OffsetDateTime.now().toInstant()
                .plusSeconds(1));
    }

    @Test
    void switchesThroughAManagementClientOtherThanOneAtLogicalDeviceSeventeen() throws Exception {
        VirtualMeter m = fixture.meter(1);
        MeterProfile p = extRegister();
        Obis dc = p.objects().find(MeterObject.DISCONNECT_CONTROL).orElseThrow();
        try (MeterSession s = meter(p, m).open(ClientJob.MANAGEMENT)) {
            s.remoteDisconnect(dc);
            assertThat(s.readLoadSwitch(dc).relay()).isEqualTo(Relay.OPEN);
            assertThat(m.relayClosed()).isFalse();
            s.remoteReconnect(dc);
            assertThat(s.readLoadSwitch(dc).relay()).isEqualTo(Relay.CLOSED);
        }
        assertThat(m.relayClosed()).isTrue();
    }
}
