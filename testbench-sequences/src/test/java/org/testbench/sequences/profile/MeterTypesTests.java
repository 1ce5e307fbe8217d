package org.testbench.sequences.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.dlms.LoadSwitchState.Relay;
import org.testbench.drivers.dlms.MeterAttacks;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectKind;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Every built-in meter type of the virtual lab read, switched and attacked with nothing but its profile
 * file from samples/meters: optical port on a pseudo-terminal, AMI port over TCP.
 */
class MeterTypesTests {

    private static final char[] PASSWORD = "meter-types-test".toCharArray();
    private static final Path METERS = Path.of("..", "samples", "meters");
    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(3));
    private static Path dir;
    private static VirtualLab lab;
    private static MeterKeyStore keys;

    @BeforeAll
    static void startLab() throws Exception {
        dir = Files.createTempDirectory("meter-types-");
        List<MeterType> types = MeterType.builtIn();
        lab = VirtualLab.start(LabConfig.builder().meters(types.size()).meterTypes(types).opticalPty(true)
                .workDir(dir).keystorePassword(PASSWORD.clone()).build());
        keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Stream<String> types() {
        return MeterType.builtIn().stream().map(MeterType::name);
    }

    private static VirtualMeter meter(String type) {
        return lab.meters().stream().filter(m -> m.type().name().equals(type)).findFirst().orElseThrow();
    }

    private static MeterProfile profile(String type) throws Exception {
        return MeterProfileReader.read(METERS.resolve(type + ".yaml"));
    }

    private static MeterChannel optical(MeterProfile p, VirtualMeter m) {
        return ProfiledMeter.opticalChannel(p, PortAddress.device(m.opticalPty().orElseThrow()), SignOnOptions.defaults());
    }

    private static MeterChannel ami(MeterProfile p, VirtualMeter m) {
        return ProfiledMeter.amiChannel(p, PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2));
    }

    /** The position knows its meter's serial, as bench.yaml and the lab's endpoints file say it. */
    private static ProfiledMeter positioned(MeterProfile p, MeterChannel channel, VirtualMeter m) {
        return new ProfiledMeter(p, channel, Optional.of(m.serial()), Optional.of(keys), OPTIONS);
    }

    @ParameterizedTest
    @MethodSource("types")
    void readsEveryTypeWithItsProfileOverBothPorts(String type) throws Exception {
        VirtualMeter m = meter(type);
        MeterProfile p = profile(type);
        for (MeterChannel channel : List.of(optical(p, m), ami(p, m))) {
            MeterReadout r = positioned(p, channel, m).read(List.of());
            assertThat(r.identity().serial()).as(type + " on " + channel.describe()).isEqualTo(m.serial());
            // Nothing but what the type does not have is missing.
            assertThat(r.unavailable()).as(type + ": " + r.unavailable()).allSatisfy(u ->
                    assertThat(u.absentFromMeterType()).isTrue());
            assertThat(r.values()).isNotEmpty();
            assertThat(r.loadSwitch().isPresent()).isEqualTo(p.objects().find(MeterObject.DISCONNECT_CONTROL).isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void switchesEveryTypeWithADisconnectorAndTellsArmedFromClosed(String type) throws Exception {
        VirtualMeter m = meter(type);
        MeterProfile p = profile(type);
        ProfiledMeter meter = positioned(p, ami(p, m), m);
        Optional<Obis> dc = p.objects().find(MeterObject.DISCONNECT_CONTROL);
        if (dc.isEmpty()) {
            assertThatThrownBy(() -> p.objects().require(MeterObject.DISCONNECT_CONTROL, p.describe()))
                    .hasMessageContaining("has no disconnectControl");
            return;
        }
        Relay afterReconnect;
        try (MeterSession s = meter.open(ClientJob.MANAGEMENT)) {
            s.remoteDisconnect(dc.get());
            assertThat(s.readLoadSwitch(dc.get()).relay()).isEqualTo(Relay.OPEN);
            s.remoteReconnect(dc.get());
            afterReconnect = s.readLoadSwitch(dc.get()).relay();
        }
        assertThat(m.relayClosed()).isEqualTo(afterReconnect == Relay.CLOSED);
        if (afterReconnect == Relay.ARMED) {
            m.pressButton();
        }
        try (MeterSession s = meter.open(ClientJob.READER)) {
            assertThat(s.readLoadSwitch(dc.get()).relay()).isEqualTo(Relay.CLOSED);
        }
        assertThat(afterReconnect).isEqualTo(type.equals("manual-reconnect") ? Relay.ARMED : Relay.CLOSED);
    }

    @ParameterizedTest
    @MethodSource("types")
    void attacksEveryTypeThroughItsManagementClient(String type) throws Exception {
        VirtualMeter m = meter(type);
        MeterProfile p = profile(type);
        MeterChannel channel = ami(p, m);
        MeterAttacks.Report report = MeterAttacks.run(channel, keys, positioned(p, channel, m).attackTarget(), OPTIONS,
                List.of("replayed-counter", "flipped-tag", "wrong-key"));
        assertThat(report.serial()).isEqualTo(m.serial());
        assertThat(report.allRefused()).as(report.toString()).isTrue();
        assertThat(report.keptWorking()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("types")
    void discoveryOnEveryTypeWritesAProfileThatReadsIt(String type) throws Exception {
        VirtualMeter m = meter(type);
        MeterProfile p = profile(type);
        // What an engineer knows before discovery: how to reach the meter and which client to try.
        MeterProfile unknown = new MeterProfile("unknown", p.optical(), p.ami(), p.addresses(), p.clients(),
                MeterProfile.STANDARD_OBJECTS, "test");
        org.testbench.drivers.profile.Discovery.Result result = org.testbench.drivers.profile.Discovery.discover(
                positioned(unknown, ami(unknown, m), m));
        String written = MeterProfileWriter.write(result.suggested(), List.of("discovered"), result.why());
        MeterProfile discovered = MeterProfileReader.parse(type + "-discovered.yaml", written);

        assertThat(discovered.objects()).as(written).isEqualTo(p.objects());
        assertThat(written).contains("# the standard code, in the object list");
        // Wherever the type keeps its energy and whatever its class, discovery read it (every tariff of a sum)
        // with its unit and scaler.
        assertThat(result.why().get("objects.energyImport")).as(written).containsPattern("this client reads "
                + "(it|[0-9.]+): ").endsWith(" Wh").doesNotContain("cannot read");
        MeterReadout r = positioned(discovered, optical(discovered, m), m).read(List.of());
        assertThat(r.identity().serial()).isEqualTo(m.serial());
        assertThat(r.unavailable()).allSatisfy(u -> assertThat(u.absentFromMeterType()).isTrue());
    }

    @Test
    void anInterfaceClassInTheProfileIsReadAtOnceWithoutARefusedGetOrTheObjectList() throws Exception {
        VirtualMeter m = meter("ext-register");
        MeterProfile stated = profile("ext-register");
        assertThat(stated.objects().locate(MeterObject.ENERGY_IMPORT).flatMap(ObjectLocation::kind))
                .contains(ObjectKind.EXTENDED_REGISTER);
        // The same type written the old way: energy at its code only, the class left to the meter's object list.
        MeterProfile unstated = stated.withObjects(stated.objects()
                .with(MeterObject.ENERGY_IMPORT, stated.objects().find(MeterObject.ENERGY_IMPORT))
                .with(MeterObject.ENERGY_EXPORT, stated.objects().find(MeterObject.ENERGY_EXPORT)));
        MeterReadout withClass = positioned(stated, ami(stated, m), m).read(List.of());
        MeterReadout looked = positioned(unstated, ami(unstated, m), m).read(List.of());

        assertThat(withClass.values()).isEqualTo(looked.values());
        assertThat(withClass.unavailable()).isEmpty();
        // The refused GET and the object list are what the stated class saves.
        assertThat(withClass.frames().received()).isLessThan(looked.frames().received());
        assertThat(withClass.frames().bytesReceived()).isLessThan(looked.frames().bytesReceived());

        // A class the profile states is taken at its word: a wrong one is the meter's "undefined object", not a guess.
        MeterProfile wrong = stated.withObjects(stated.objects().withLocation(MeterObject.ENERGY_IMPORT,
                stated.objects().locate(MeterObject.ENERGY_IMPORT).map(at -> at.withKind(ObjectKind.REGISTER))));
        MeterReadout r = positioned(wrong, ami(wrong, m), m).read(List.of());
        assertThat(r.unavailable()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("energyImport");
            assertThat(u.reason()).containsIgnoringCase("undefined");
        });
    }

    @Test
    void aSerialKeptInTheLogicalDeviceNameFindsTheKeysAndIsCheckedWithoutItsFlagId() throws Exception {
        VirtualMeter m = meter("ldn-serial");
        MeterProfile p = profile("ldn-serial");
        assertThat(m.logicalDeviceName()).isEqualTo("TBN" + m.serial());
        // No serial given: the public client reads the logical device name, the keys are found by its serial part.
        ProfiledMeter unpositioned = new ProfiledMeter(p, optical(p, m), Optional.empty(), Optional.of(keys), OPTIONS);
        assertThat(unpositioned.serial()).isEqualTo(m.serial());
        try (MeterSession s = unpositioned.open(ClientJob.MANAGEMENT)) {
            assertThat(s.readLoadSwitch(p.objects().require(MeterObject.DISCONNECT_CONTROL, p.describe())).relay())
                    .isNotNull();
        }
        MeterReadout r = new ProfiledMeter(p, ami(p, m), Optional.empty(), Optional.empty(), OPTIONS).read(List.of());
        assertThat(r.identity().serial()).isEqualTo(m.serial());
        assertThat(r.identity().logicalDeviceName()).isEqualTo("TBN" + m.serial());

        ProfiledMeter elsewhere = new ProfiledMeter(p, ami(p, m), Optional.of("41009999"), Optional.of(keys), OPTIONS);
        assertThatThrownBy(() -> elsewhere.read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.WRONG_METER);
                    assertThat(e.getMessage()).contains("answers serial " + m.serial() + ",").contains("41009999");
                });
    }

    @Test
    void discoveryWritesTheClassAndTheSerialFormTheMeterNeeds() throws Exception {
        for (String type : List.of("ext-register", "ldn-serial")) {
            VirtualMeter m = meter(type);
            MeterProfile p = profile(type);
            MeterProfile unknown = new MeterProfile("unknown", p.optical(), p.ami(), p.addresses(), p.clients(),
                    MeterProfile.STANDARD_OBJECTS, "test");
            org.testbench.drivers.profile.Discovery.Result result = org.testbench.drivers.profile.Discovery.discover(
                    positioned(unknown, ami(unknown, m), m));
            String written = MeterProfileWriter.write(result.suggested(), List.of("discovered"), result.why());
            if (type.equals("ext-register")) {
                assertThat(written).contains("energyImport: {obis: 1.1.1.8.0.255, class: 4}")
                        .contains("energyExport: {obis: 1.1.2.8.0.255, class: 4}")
                        .contains("clock: 0.0.1.0.0.255   #");
            } else {
                assertThat(written).contains("serial: {obis: 0.0.42.0.0.255, form: logical-device-name}")
                        .contains("this client reads it: serial " + m.serial());
            }
            MeterProfile discovered = MeterProfileReader.parse(type + "-discovered.yaml", written);
            MeterReadout r = positioned(discovered, optical(discovered, m), m).read(List.of());
            assertThat(r.identity().serial()).as(written).isEqualTo(m.serial());
            assertThat(r.unavailable()).as(written).isEmpty();
        }
    }

    @Test
    void energyKeptOnlyPerTariffIsTheExactSumOfTheTariffRegisters() throws Exception {
        VirtualMeter m = meter("tariff-only");
        MeterProfile p = profile("tariff-only");
        m.addEnergy(1234.567, 0);
        MeterReadout r = positioned(p, ami(p, m), m).read(List.of());
        assertThat(r.unavailable()).isEmpty();
        org.testbench.drivers.dlms.RegisterTotal total = r.totals().stream()
                .filter(t -> t.name().equals("energyImport")).findFirst().orElseThrow();
        assertThat(total.parts()).extracting(v -> v.obis().toString())
                .containsExactly("1.0.1.8.1.255", "1.0.1.8.2.255");
        // Two tariffs with their own values, whose exact sum is what the meter itself counts in its registers.
        assertThat(total.parts().get(0).asDouble()).isPositive().isNotEqualTo(total.parts().get(1).asDouble());
        assertThat(total.value()).isEqualByComparingTo(m.importRegisterWh());
        assertThat(total.quantity().in(org.testbench.drivers.quantity.Unit.WATT_HOUR))
                .isEqualTo(m.importRegisterWh().doubleValue());
        assertThat(r.values()).containsAll(total.parts());

        // A part the meter lacks makes the sum unavailable, naming the part; the rest of the read goes on.
        org.testbench.drivers.profile.RegisterSum three = org.testbench.drivers.profile.RegisterSum.of(List.of(
                Obis.parse("1.0.1.8.1.255"), Obis.parse("1.0.1.8.2.255"), Obis.parse("1.0.1.8.3.255")));
        MeterProfile lacking = p.withObjects(p.objects().withLocation(MeterObject.ENERGY_IMPORT,
                Optional.of(ObjectLocation.sumOf(three))));
        MeterReadout partial = positioned(lacking, ami(lacking, m), m).read(List.of());
        assertThat(partial.totals()).isEmpty();
        assertThat(partial.unavailable()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("energyImport");
            assertThat(u.obis()).contains(Obis.parse("1.0.1.8.3.255"));
            assertThat(u.reason()).contains("part 1.0.1.8.3.255 of the sum").containsIgnoringCase("undefined");
        });
        assertThat(partial.identity().serial()).isEqualTo(m.serial());
    }

    @Test
    void discoveryProposesTheSumOfTheTariffsWhenTheMeterHasNoTotal() throws Exception {
        VirtualMeter m = meter("tariff-only");
        MeterProfile p = profile("tariff-only");
        MeterProfile unknown = new MeterProfile("unknown", p.optical(), p.ami(), p.addresses(), p.clients(),
                MeterProfile.STANDARD_OBJECTS, "test");
        org.testbench.drivers.profile.Discovery.Result result = org.testbench.drivers.profile.Discovery.discover(
                positioned(unknown, ami(unknown, m), m));
        String written = MeterProfileWriter.write(result.suggested(), List.of("discovered"), result.why());
        assertThat(written).contains("energyImport: {sum: [1.0.1.8.1.255, 1.0.1.8.2.255], mdms: 1.0.1.8.0.255}   # "
                + "no total register").contains("this client reads 1.0.1.8.2.255: ");
        assertThat(MeterProfileReader.parse("tariff-only-discovered.yaml", written).objects()).isEqualTo(p.objects());
    }

    @Test
    void aWrongLlsPasswordSaysAuthenticationFailedNamesTheClientAndNeverShowsThePassword() throws Exception {
        VirtualMeter m = meter("lls-reader");
        MeterProfile p = profile("lls-reader");
        String variable = p.clients().reader().passwordVariable().orElseThrow();
        ProfiledMeter meter = new ProfiledMeter(p, ami(p, m), Optional.of(m.serial()), Optional.of(keys), OPTIONS,
                Map.of(variable, "wrong-lls-secret")::get);
        assertThatThrownBy(() -> meter.read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).contains("authentication failed").contains("client 32 (low)")
                            .contains("reader").contains("environment variable " + variable)
                            .doesNotContain("wrong-lls-secret");
                });
    }

    @Test
    void aWrongHlsSecretSaysAuthenticationFailedNamesTheClientAndNeverShowsTheSecret() throws Exception {
        VirtualMeter m = meter("hls-sha256");
        MeterProfile p = profile("hls-sha256");
        String variable = p.clients().reader().passwordVariable().orElseThrow();
        for (String wrong : List.of("wrong-hls-secret", "hex:00112233445566778899aabbccddeeff")) {
            ProfiledMeter meter = new ProfiledMeter(p, ami(p, m), Optional.of(m.serial()), Optional.of(keys), OPTIONS,
                    Map.of(variable, wrong)::get);
            assertThatThrownBy(() -> meter.read(List.of()))
                    .isInstanceOfSatisfying(DeviceException.class, e -> {
                        assertThat(e.fault()).isEqualTo(Fault.AUTHENTICATION_FAILED);
                        assertThat(e.getMessage()).contains("authentication failed").contains("client 48 (hls-sha256)")
                                .contains("wrong HLS secret").contains("reader")
                                .contains("secret from environment variable " + variable)
                                .doesNotContain("wrong-hls-secret").doesNotContain("00112233445566778899");
                    });
        }
    }

    @Test
    void aDirectHdlcMeterNeedsItsSerialForItsPhysicalAddress() throws Exception {
        VirtualMeter m = meter("direct-hdlc");
        MeterProfile p = profile("direct-hdlc");
        assertThatThrownBy(() -> new ProfiledMeter(p, optical(p, m), Optional.empty(), Optional.of(keys), OPTIONS)
                .read(List.of()))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.CONFIGURATION);
                    assertThat(e.getMessage()).contains("from-serial");
                });
    }

    @Test
    void withTheDefaultProfileTheLlsReaderTypeReportsEachRefusedObjectAndTheReadGoesOn() throws Exception {
        // What the issue saw before profiles: the public client may read only its association.
        VirtualMeter m = meter("lls-reader");
        MeterProfile p = MeterProfile.TESTBENCH_VIRTUAL;
        MeterReadout r = new ProfiledMeter(p, ami(p, m), Optional.empty(), Optional.empty(), OPTIONS).read(List.of());
        assertThat(r.values()).isEmpty();
        assertThat(r.unavailable()).extracting(MeterReadout.Unavailable::name)
                .containsExactly("serial", "logicalDeviceName", "firmware", "energyImport", "energyExport",
                        "disconnectControl");
        assertThat(r.unavailable()).allSatisfy(u -> {
            assertThat(u.obis()).isPresent();
            assertThat(u.reason()).containsIgnoringCase("denied");
        });
    }
}
