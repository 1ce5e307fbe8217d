package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.profile.MeterProfileReader;
import picocli.CommandLine;

/** read, switch and discover with meter profiles, against virtual meters of other types. */
class MeterProfileCommandsTests {

    private static final String PASSWORD = "profile-commands";
    private static final Path METERS = Path.of("..", "samples", "meters");
    private static VirtualLab lab;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void startLab() throws Exception {
        lab = VirtualLab.start(LabConfig.builder().meters(5)
                .meterTypes(List.of(MeterType.LLS_READER, MeterType.MANUAL_RECONNECT, MeterType.ALT_OBIS,
                        MeterType.LDN_SERIAL, MeterType.TARIFF_ONLY))
                .keystorePassword(PASSWORD.toCharArray()).opticalPty(true).benchPty(false).build());
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.close();
    }

    private static VirtualMeter meter(MeterType type) {
        return lab.meters().stream().filter(m -> m.type().equals(type)).findFirst().orElseThrow();
    }

    private static String profile(MeterType type) {
        return METERS.resolve(type.name() + ".yaml").toString();
    }

    private static Run run(String... args) {
        CommandLine cli = new CommandLine(new TestbenchCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // As TestbenchCommand.execute does: one line, exit 2.
            cmd.getErr().println("testbench " + cmd.getCommandName() + ": " + e.getMessage());
            return ExitCode.ERROR;
        });
        for (String name : List.of("read", "switch", "discover")) {
            Object command = cli.getSubcommands().get(name).getCommand();
            KeystoreOption option = command instanceof ReadCommand r ? r.keystore
                    : command instanceof SwitchCommand s ? s.keystore : ((DiscoverCommand) command).keystore;
            option.password = PASSWORD::toCharArray;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void readsAnLlsReaderOverItsOpticalPseudoTerminalWithItsProfileAndKeystore() throws Exception {
        VirtualMeter m = meter(MeterType.LLS_READER);
        String[] args = {"read", "--port", m.opticalPty().orElseThrow().toString(), "--profile",
            profile(MeterType.LLS_READER), "--keystore", lab.keystore().toString(), "--json"};
        // Its public client may not read the serial the password is filed under: the nameplate gives it.
        Run unknownSerial = run(args);
        assertThat(unknownSerial.code()).isEqualTo(ExitCode.ERROR);
        assertThat(unknownSerial.err()).contains("read write denied").contains("--serial");

        Run r = run(Stream.concat(Stream.of(args), Stream.of("--serial", m.serial())).toArray(String[]::new));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("serial").asText()).isEqualTo(m.serial());
        assertThat(json.get("objects")).hasSize(2);
        assertThat(json.get("unavailable")).isEmpty();
    }

    @Test
    void withoutAProfileAnotherObisMapReportsWhatItLacksAndReadsTheRest() throws Exception {
        VirtualMeter m = meter(MeterType.ALT_OBIS);
        Run r = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--json");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("serial").isNull()).isTrue();
        assertThat(json.get("objects")).hasSize(1);
        assertThat(json.get("unavailable").toString()).contains("0.0.96.1.0.255").contains("undefined object")
                .contains("1.0.2.8.0.255");

        Run withProfile = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile",
                profile(MeterType.ALT_OBIS));
        assertThat(withProfile.code()).as(withProfile.err()).isZero();
        assertThat(withProfile.out()).contains("Meter " + m.serial()).contains("energyExport").contains("absent");
    }

    @Test
    void closingARelayThatRemoteReconnectOnlyArmsSaysArmed() throws Exception {
        VirtualMeter m = meter(MeterType.MANUAL_RECONNECT);
        String[] common = {"--port", m.amiEndpoint(), "--via", "ami", "--profile", profile(MeterType.MANUAL_RECONNECT),
                "--keystore", lab.keystore().toString(), "--json"};
        Run open = run(Stream.concat(Stream.of("switch"), Stream.concat(Stream.of(common), Stream.of("open")))
                .toArray(String[]::new));
        assertThat(open.code()).as(open.out() + open.err()).isZero();

        Run close = run(Stream.concat(Stream.of("switch"), Stream.concat(Stream.of(common), Stream.of("close")))
                .toArray(String[]::new));
        assertThat(close.code()).as(close.out() + close.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(close.out());
        assertThat(json.get("relay").asText()).isEqualTo("armed");
        assertThat(json.get("after").get("controlState").asText()).isEqualTo("READY_FOR_RECONNECTION");
        assertThat(m.relayClosed()).isFalse();
        m.pressButton();
        assertThat(m.relayClosed()).isTrue();
    }

    @Test
    void discoverWritesAProfileThatTheOtherCommandsUse() throws Exception {
        VirtualMeter m = meter(MeterType.ALT_OBIS);
        Path out = dir.resolve("alt.yaml");
        Run r = run("discover", "--port", m.opticalPty().orElseThrow().toString(), "--profile",
                profile(MeterType.ALT_OBIS), "--profile-out", out.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        MeterProfile discovered = MeterProfileReader.read(out);
        assertThat(discovered.objects()).isEqualTo(MeterProfileReader.read(Path.of(profile(MeterType.ALT_OBIS)))
                .objects());
        assertThat(Files.readString(out)).contains("# ");
        Run read = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", out.toString());
        assertThat(read.code()).as(read.err()).isZero();
        assertThat(read.out()).contains("Meter " + m.serial());
    }

    @Test
    void aSerialOnlyInTheLogicalDeviceNameIsDiscoveredReadAndCheckedWithoutItsFlagId() throws Exception {
        VirtualMeter m = meter(MeterType.LDN_SERIAL);
        Path out = dir.resolve("ldn.yaml");
        Run d = run("discover", "--port", m.amiEndpoint(), "--via", "ami", "--profile-out", out.toString());
        assertThat(d.code()).as(d.out() + d.err()).isZero();
        assertThat(Files.readString(out)).contains("serial: {obis: 0.0.42.0.0.255, form: logical-device-name}");

        Run read = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", out.toString(), "--json");
        assertThat(read.code()).as(read.out() + read.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(read.out());
        assertThat(json.get("serial").asText()).isEqualTo(m.serial());
        assertThat(json.get("logicalDeviceName").asText()).isEqualTo(m.logicalDeviceName());

        // The keys of the management client are found under the serial part (no --serial given).
        Run open = run("switch", "--port", m.amiEndpoint(), "--via", "ami", "--profile", profile(MeterType.LDN_SERIAL),
                "--keystore", lab.keystore().toString(), "--json", "open");
        assertThat(open.code()).as(open.out() + open.err()).isZero();
        assertThat(open.out()).contains(m.serial()).doesNotContain(m.logicalDeviceName());
        Run close = run("switch", "--port", m.amiEndpoint(), "--via", "ami", "--profile", profile(MeterType.LDN_SERIAL),
                "--keystore", lab.keystore().toString(), "--json", "close");
        assertThat(close.code()).as(close.out() + close.err()).isZero();

        Run wrong = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", out.toString(), "--serial",
                "TBN" + m.serial());
        assertThat(wrong.code()).isEqualTo(ExitCode.ERROR);
        assertThat(wrong.err()).contains("answers serial " + m.serial() + ",").contains("expects meter TBN");
    }

    @Test
    void energyKeptOnlyPerTariffIsDiscoveredAsASumAndReadAsItsExactTotal() throws Exception {
        VirtualMeter m = meter(MeterType.TARIFF_ONLY);
        m.addEnergy(987.654, 0);
        Path out = dir.resolve("tariff.yaml");
        Run d = run("discover", "--port", m.amiEndpoint(), "--via", "ami", "--profile-out", out.toString());
        assertThat(d.code()).as(d.out() + d.err()).isZero();
        assertThat(Files.readString(out)).contains("energyImport: {sum: [1.0.1.8.1.255, 1.0.1.8.2.255]");

        Run read = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", out.toString(), "--json");
        assertThat(read.code()).as(read.out() + read.err()).isZero();
        JsonNode sum = new ObjectMapper().readTree(read.out()).get("sums").get(0);
        assertThat(sum.get("name").asText()).isEqualTo("energyImport");
        assertThat(sum.get("value").decimalValue()).isEqualByComparingTo(m.importRegisterWh());
        assertThat(sum.get("unit").asText()).isEqualTo("Wh");
        assertThat(sum.get("parts")).extracting(p -> p.get("obis").asText())
                .containsExactly("1.0.1.8.1.255", "1.0.1.8.2.255");
        assertThat(sum.get("parts").get(0).get("value").decimalValue()
                .add(sum.get("parts").get(1).get("value").decimalValue())).isEqualByComparingTo(m.importRegisterWh());

        Run text = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", profile(MeterType.TARIFF_ONLY));
        assertThat(text.out()).contains("energyImport").contains(m.importRegisterWh().toPlainString() + " Wh (sum of "
                + "1.0.1.8.1.255 + 1.0.1.8.2.255)");
    }

    @Test
    void badInputIsOneLocatedLine() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "profile: 1\nmeter: x\nclients:\n"
                + "  reader: {address: 16}\nobjects:\n  serial: 0.0.96.1\n  energyImprot: 1.0.1.8.0.255\n");
        VirtualMeter m = meter(MeterType.ALT_OBIS);
        Run r = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile", broken.toString());
        assertThat(r.code()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err().strip()).doesNotContain("\n").contains("broken.yaml:7:3: unknown key 'energyImprot'");

        Run wrongSerial = run("read", "--port", m.amiEndpoint(), "--via", "ami", "--profile",
                profile(MeterType.ALT_OBIS), "--serial", "99999999");
        assertThat(wrongSerial.code()).isEqualTo(ExitCode.ERROR);
        assertThat(wrongSerial.err()).contains("answers serial " + m.serial()).contains("expects meter 99999999");

        VirtualMeter lls = meter(MeterType.LLS_READER);
        Run noKeys = run("read", "--port", lls.amiEndpoint(), "--via", "ami", "--profile",
                profile(MeterType.LLS_READER), "--serial", lls.serial());
        assertThat(noKeys.code()).isEqualTo(ExitCode.ERROR);
        assertThat(noKeys.err()).contains("client 32 (low)").contains("LLS password");
    }
}
