package org.testbench.sequences.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectKind;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ObjectLocation;
import org.testbench.drivers.profile.RegisterSum;
import org.testbench.drivers.profile.ValueForm;
import org.testbench.drivers.profile.OpticalLink;
import org.testbench.drivers.profile.PhysicalAddress;
import org.testbench.sequences.yaml.InputFileException;

class MeterProfileReaderTests {

    private static final Path METERS = Path.of("..", "samples", "meters");

    /** The example, as a lab engineer writes it for a meter of another make. */
    private static final String OTHER_MAKE = """
            profile: 1
            meter: "Maker Type (firmware range)"
            optical: {mode: E, baud: 9600, baud_switch_delay: 300 ms}
            ami: {framing: hdlc}
            addresses: {logical: 1, physical: 17}
            clients:
              reader:     {address: 32, authentication: low, password_env: METER_LLS}
              management: {address: 1, authentication: hls-gmac, security: authenticated-encrypted, suite: 0}
            objects:
              serial: 0.0.96.1.1.255
              logicalDeviceName: 0.0.42.0.0.255
              firmware: 1.0.0.2.0.255
              clock: 0.0.1.0.0.255
              energyImport: 1-0:1.8.0*255
              energyExport: none
              disconnectControl: none
              invocationCounter: 0.0.43.1.0.255
              eventLog: 0.0.99.98.0.255
            """;

    @Test
    void theSampleOfTheVirtualMeterIsTheDefaultProfile() throws Exception {
        MeterProfile sample = MeterProfileReader.read(METERS.resolve("testbench-virtual.yaml"));
        assertThat(sample.sameMeterType(MeterProfile.TESTBENCH_VIRTUAL)).as(sample.toString()).isTrue();
    }

    @Test
    void everySampleProfileReads() throws Exception {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(METERS, "*.yaml")) {
            for (Path file : files) {
                assertThat(MeterProfileReader.read(file).meter()).as(file.toString()).isNotBlank();
            }
        }
    }

    @Test
    void readsEveryKeyOfAnotherMake() throws Exception {
        MeterProfile p = MeterProfileReader.parse("maker.yaml", OTHER_MAKE);
        assertThat(p.meter()).isEqualTo("Maker Type (firmware range)");
        assertThat(p.optical()).isEqualTo(new OpticalLink(OpticalLink.Mode.E, 9600, Duration.ofMillis(300),
                Duration.ZERO));
        assertThat(p.ami().framing()).isEqualTo(DlmsFraming.HDLC);
        assertThat(p.addresses().physical().resolve(Optional.empty())).isEqualTo(OptionalInt.of(17));
        assertThat(p.clients().reader()).isEqualTo(new DlmsClient(32, AuthenticationMechanism.LOW, ApduSecurity.NONE,
                0, Optional.of("METER_LLS")));
        assertThat(p.clients().management()).contains(DlmsClient.MANAGEMENT);
        assertThat(p.objects().find(MeterObject.SERIAL)).contains(Obis.parse("0.0.96.1.1.255"));
        assertThat(p.objects().find(MeterObject.ENERGY_IMPORT)).contains(Obis.parse("1.0.1.8.0.255"));
        assertThat(p.objects().find(MeterObject.ENERGY_EXPORT)).isEmpty();
        assertThat(p.objects().find(MeterObject.DISCONNECT_CONTROL)).isEmpty();
        assertThat(p.source()).isEqualTo("maker.yaml");
    }

    @Test
    void directHdlcOpticalWithAPhysicalAddressFromTheSerial() throws Exception {
        MeterProfile p = MeterProfileReader.parse("hdlc.yaml", """
                profile: 1
                meter: "Direct HDLC"
                optical: {mode: hdlc, baud: 9600}
                addresses: {logical: 1, physical: from-serial}
                clients:
                  reader: {address: 16}
                """);
        assertThat(p.optical().mode()).isEqualTo(OpticalLink.Mode.HDLC);
        assertThat(p.addresses().physical()).isInstanceOf(PhysicalAddress.FromSerial.class);
        // Green Book serial number addressing: the serial's last four digits + 1000.
        assertThat(p.addresses().physical().resolve(Optional.of("LAB26001234"))).isEqualTo(OptionalInt.of(2234));
        assertThat(p.objects()).isEqualTo(MeterProfile.STANDARD_OBJECTS);
        assertThat(p.clients().management()).isEmpty();
    }

    @Test
    void aProfileRoundTripsThroughTheWriter() throws Exception {
        for (MeterProfile p : List.of(MeterProfileReader.parse("maker.yaml", OTHER_MAKE), MeterProfile.TESTBENCH_VIRTUAL)) {
            String written = MeterProfileWriter.write(p, List.of("written by a test"),
                    Map.of("objects.serial", "where the serial is"));
            MeterProfile again = MeterProfileReader.parse("again.yaml", written);
            assertThat(again.sameMeterType(p)).as(written).isTrue();
            assertThat(written).contains("# where the serial is");
        }
    }

    @Test
    void anObjectMayStateItsInterfaceClassAndASerialKeptInTheLogicalDeviceName() throws Exception {
        MeterProfile p = MeterProfileReader.parse("maker.yaml", OTHER_MAKE
                .replace("energyImport: 1-0:1.8.0*255", "energyImport: {obis: 1.1.1.8.0.255, class: 4}")
                .replace("serial: 0.0.96.1.1.255", "serial: {obis: 0.0.42.0.0.255, form: logical-device-name}"));
        assertThat(p.objects().locate(MeterObject.ENERGY_IMPORT)).contains(new ObjectLocation(
                Obis.parse("1.1.1.8.0.255"), Optional.of(ObjectKind.EXTENDED_REGISTER), ValueForm.WHOLE));
        assertThat(p.objects().locate(MeterObject.SERIAL)).contains(new ObjectLocation(Obis.parse("0.0.42.0.0.255"),
                Optional.empty(), ValueForm.LOGICAL_DEVICE_NAME));
        assertThat(p.objects().form(MeterObject.SERIAL).part("TBN41000001")).isEqualTo("41000001");
        String written = MeterProfileWriter.write(p, List.of(), Map.of());
        assertThat(written).contains("energyImport: {obis: 1.1.1.8.0.255, class: 4}")
                .contains("serial: {obis: 0.0.42.0.0.255, form: logical-device-name}")
                .contains("firmware: 1.0.0.2.0.255\n");
        assertThat(MeterProfileReader.parse("again.yaml", written).sameMeterType(p)).as(written).isTrue();
    }

    @Test
    void profilesOfThePreviousFormatReadUnchanged() throws Exception {
        // A plain code keeps its meaning: the role's usual class, the value as it is.
        MeterProfile p = MeterProfileReader.parse("maker.yaml", OTHER_MAKE);
        for (MeterObject o : MeterObject.values()) {
            assertThat(p.objects().locate(o).map(ObjectLocation::plain).orElse(true)).as(o.key()).isTrue();
        }
        assertThat(p.objects().locate(MeterObject.ENERGY_IMPORT))
                .contains(ObjectLocation.at(Obis.parse("1.0.1.8.0.255")));
    }

    @Test
    void aWrongClassOrFormIsLocated() {
        String energy = "energyImport: 1-0:1.8.0*255";
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1-0:1.8.0*255, class: 5}"), 14, 46,
                "objects.energyImport class '5' is not an interface class the bench reads energyImport with: "
                        + "3 (register) or 4 (extended register)");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1-0:1.8.0*255, class: 1}"), 14, 46,
                "class '1' is not an interface class");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1-0:1.8.0*255, class: four}"), 14, 46,
                "class 'four' is not an interface class");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1-0:1.8.0*255, clas: 4}"), 14, 39,
                "unknown key 'clas' in objects.energyImport, did you mean 'class'?");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {class: 4}"), 14, 17,
                "objects.energyImport needs 'obis'");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1-0:1.8.0*255, form: logical-device-name}"),
                14, 45, "objects.energyImport has form, which only objects.serial takes");
        assertProblem(OTHER_MAKE.replace("serial: 0.0.96.1.1.255", "serial: {obis: 0.0.96.1.1.255, form: ldn}"),
                10, 40, "objects.serial form 'ldn' is not one of whole, logical-device-name");
    }

    @Test
    void energyKeptOnlyPerTariffIsASumOfRegisters() throws Exception {
        MeterProfile p = MeterProfileReader.parse("maker.yaml", OTHER_MAKE.replace("energyImport: 1-0:1.8.0*255",
                "energyImport: {sum: [1.0.1.8.1.255, {obis: 1-0:1.8.2*255, class: 4}], mdms: 1.0.1.8.0.255}"));
        ObjectLocation at = p.objects().locate(MeterObject.ENERGY_IMPORT).orElseThrow();
        RegisterSum sum = at.sum().orElseThrow();
        assertThat(sum.parts()).containsExactly(ObjectLocation.at(Obis.parse("1.0.1.8.1.255")),
                ObjectLocation.at(Obis.parse("1.0.1.8.2.255")).withKind(ObjectKind.EXTENDED_REGISTER));
        assertThat(sum.mdmsCode()).contains(Obis.parse("1.0.1.8.0.255"));
        assertThat(at.plain()).isFalse();
        String written = MeterProfileWriter.write(p, List.of(), Map.of());
        assertThat(written).contains("energyImport: {sum: [1.0.1.8.1.255, {obis: 1.0.1.8.2.255, class: 4}], "
                + "mdms: 1.0.1.8.0.255}\n");
        assertThat(MeterProfileReader.parse("again.yaml", written).objects()).isEqualTo(p.objects());

        // The block form, without mdms, on energyExport.
        MeterProfile block = MeterProfileReader.parse("block.yaml", OTHER_MAKE.replace("  energyExport: none\n",
                "  energyExport:\n    sum:\n      - 1.0.2.8.1.255\n      - 1.0.2.8.2.255\n"));
        assertThat(block.objects().locate(MeterObject.ENERGY_EXPORT).flatMap(ObjectLocation::sum).orElseThrow())
                .isEqualTo(RegisterSum.of(List.of(Obis.parse("1.0.2.8.1.255"), Obis.parse("1.0.2.8.2.255"))));
    }

    @Test
    void aSumElsewhereAnEmptySumOrABadPartIsLocated() {
        String energy = "energyImport: 1-0:1.8.0*255";
        assertProblem(OTHER_MAKE.replace("clock: 0.0.1.0.0.255", "clock: {sum: [0.0.1.0.0.255]}"), 13, 11,
                "objects.clock is a sum, which only the energy registers (energyImport, energyExport) may be");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: []}"), 14, 23,
                "objects.energyImport sum is empty");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: [1.0.1.8.1.255, 1.0.1.8.x.255]}"), 14, 39,
                "objects.energyImport sum part 2: '1.0.1.8.x.255' is not an OBIS code");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: [{obis: 1.0.1.8.1.255, class: 8}]}"), 14, 53,
                "objects.energyImport sum part 1 class '8' is not an interface class");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: [{obis: 1.0.1.8.1.255, form: whole}]}"), 14, 46,
                "unknown key 'form' in objects.energyImport sum part 1");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: [1.0.1.8.1.255, 1-0:1.8.1*255]}"), 14, 39,
                "1.0.1.8.1.255 is already in the sum");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1.0.1.8.0.255, sum: [1.0.1.8.1.255]}"), 14, 18,
                "objects.energyImport has both sum and obis");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {obis: 1.0.1.8.0.255, mdms: 1.0.1.8.0.255}"), 14, 39,
                "objects.energyImport has mdms, which only a sum takes");
        assertProblem(OTHER_MAKE.replace(energy, "energyImport: {sum: 1.0.1.8.1.255}"), 14, 23, "objects.energyImport sum");
    }

    @Test
    void anUnknownKeyIsLocatedWithASuggestion() {
        assertProblem(OTHER_MAKE.replace("energyImport:", "energyImprot:"), 14, 3,
                "unknown key 'energyImprot' in objects, did you mean 'energyImport'?");
        assertProblem(OTHER_MAKE.replace("addresses:", "adresses:"), 5, 1, "unknown key 'adresses'");
    }

    @Test
    void anObisCodeThatDoesNotParseIsLocated() {
        assertProblem(OTHER_MAKE.replace("0.0.96.1.1.255", "0.0.96.1.x.255"), 10, 11,
                "objects.serial: '0.0.96.1.x.255' is not an OBIS code");
    }

    @Test
    void aClientWithoutWhatItsAuthenticationNeedsIsLocated() {
        assertProblem(OTHER_MAKE.replace("security: authenticated-encrypted", "security: none"), 8, 64,
                "clients.management authenticates with hls-gmac, which needs the meter's keys and ciphered APDUs");
        assertProblem(OTHER_MAKE.replace("authentication: low, password_env: METER_LLS",
                "authentication: none, password_env: METER_LLS"), 7, 65,
                "has password_env, but authentication none uses no password or secret");
        assertProblem(OTHER_MAKE.replace("authentication: low", "authentication: lls"), 7, 45,
                "authentication 'lls' is not one of none, low, hls-md5, hls-sha1, hls-gmac, hls-sha256");
        assertProblem(OTHER_MAKE.replace("authentication: low, password_env", "authentication: hls-sha256, password_env"),
                7, 71, "has password_env, but authentication hls-sha256 takes its HLS secret from secret_env");
        assertProblem(OTHER_MAKE.replace("authentication: low, password_env", "authentication: low, secret_env"),
                7, 62, "has secret_env, but authentication low takes its LLS password from password_env");
        assertProblem(OTHER_MAKE.replace("authentication: low", "authentication: hls-ecdsa"), 7, 45,
                "hls-ecdsa (mechanism 7, security suites 1 and 2) is not supported");
    }

    @Test
    void hlsReadersTakeTheirSecretFromSecretEnvOrTheKeystoreAndNeedNoCiphering() throws Exception {
        for (AuthenticationMechanism m : List.of(AuthenticationMechanism.HLS_MD5, AuthenticationMechanism.HLS_SHA1,
                AuthenticationMechanism.HLS_SHA256)) {
            MeterProfile p = MeterProfileReader.parse("hls.yaml", OTHER_MAKE.replace(
                    "authentication: low, password_env: METER_LLS", "authentication: " + m.external()
                            + ", secret_env: METER_HLS"));
            assertThat(p.clients().reader()).isEqualTo(new DlmsClient(32, m, ApduSecurity.NONE, 0,
                    Optional.of("METER_HLS")));
            assertThat(p.clients().reader().needsSecret()).isTrue();
            assertThat(p.clients().reader().needsKeys()).isFalse();
            String written = MeterProfileWriter.write(p, List.of(), Map.of());
            assertThat(written).contains("{address: 32, authentication: " + m.external() + ", secret_env: METER_HLS}");
            assertThat(MeterProfileReader.parse("again.yaml", written).sameMeterType(p)).isTrue();
        }
        // Ciphered as well: then the reader also needs the suite 0 keys.
        MeterProfile ciphered = MeterProfileReader.parse("hls.yaml", OTHER_MAKE.replace(
                "authentication: low, password_env: METER_LLS", "authentication: hls-sha256, security: authenticated"));
        assertThat(ciphered.clients().reader().needsKeys()).isTrue();
        assertThat(ciphered.clients().reader().passwordVariable()).isEmpty();
    }

    @Test
    void anotherVersionOrAMissingReaderIsRefused() {
        assertProblem(OTHER_MAKE.replace("profile: 1", "profile: 2"), 1, 10,
                "profile version 2 is not supported (this Testbench reads version 1)");
        assertProblem(OTHER_MAKE.replace("  reader:     {address: 32, authentication: low, password_env: METER_LLS}\n",
                ""), 7, 3, "clients needs 'reader'");
        assertProblem("meter: x\n", 1, 1, "needs 'profile'");
    }

    @Test
    void aMissingFileIsAnInputError() {
        assertThatThrownBy(() -> MeterProfileReader.read(Path.of("no-such-profile.yaml")))
                .isInstanceOf(InputFileException.class).hasMessageContaining("no-such-profile.yaml:1:1");
    }

    /** Found by fuzzing: SnakeYAML's own exception escaped for a control character, and bad UTF-8 as an IOException. */
    @Test
    void aControlCharacterOrBytesThatAreNotUtf8AreLocated(@TempDir Path dir) throws IOException {
        assertProblem(OTHER_MAKE.replace("clients:", "cli\u0003ents:"), 6, 4, "the character U+0003 is not allowed");

        Path file = dir.resolve("bad.yaml");
        byte[] text = OTHER_MAKE.getBytes(StandardCharsets.UTF_8);
        int at = OTHER_MAKE.indexOf("Maker") + 2;
        text[at] = (byte) 0xFE;
        Files.write(file, text);
        assertThatThrownBy(() -> MeterProfileReader.read(file))
                .isInstanceOfSatisfying(InputFileException.class, e -> {
                    assertThat(e.getMessage()).startsWith(file + ":2:");
                    assertThat(e.line() + ":" + e.column()).isEqualTo("2:11");
                });
    }

    private static void assertProblem(String text, int line, int column, String problem) {
        assertThatThrownBy(() -> MeterProfileReader.parse("p.yaml", text))
                .isInstanceOfSatisfying(InputFileException.class, e -> {
                    assertThat(e.getMessage()).contains(problem);
                    assertThat(e.line() + ":" + e.column()).as(e.getMessage()).isEqualTo(line + ":" + column);
                });
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
