package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.MeterAttacks;
import org.testbench.drivers.dlms.MeterAttacks.AttackResult;
import org.testbench.drivers.dlms.MeterAttacks.Report;
import org.testbench.drivers.dlms.MeterAttacks.Verdict;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.transport.PortAddress;
import java.util.Optional;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.optical.SignOnOptions;
import java.util.stream.Collectors;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.profile.MeterProfileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "meter-attack", mixinStandardHelpOptions = true,
        description = {"DLMS negative tests, one broken frame or request at a time, by layer (--layer): hdlc (bad "
                + "flags, short frames, unknown addresses, wrong N(S)/N(R), over-long information field, bad HCS/FCS, "
                + "broken segmentation), wrapper (version, port; over the AMI port also the ciphered wrapper and "
                + "frame length), acse (wrong application context, mechanism, LLS password, DLMS version, empty "
                + "conformance), apdu (truncated and over-long APDUs, a GET of the association's secret; over the AMI "
                + "port also replayed and lower invocation counter, flipped tag, wrong key, wrong system title and "
                + "APDU length, in a management association with the meter's keys). Each must be refused the way "
                + "the standard wants, and the meter must keep answering correct requests (docs/meter-attacks.md).",
                "The keystore password is read from TESTBENCH_KEYSTORE_PASSWORD, or asked for on the terminal."},
        footer = {"", "Exit codes: 0 every attack refused and the meter kept working, 1 an attack was accepted "
                + "(SECURITY finding) or the meter stopped working, 2 bad input, wrong keys or unreachable meter.",
                "", "Example:", "  TESTBENCH_KEYSTORE_PASSWORD=... testbench meter-attack --port tcp:127.0.0.1:4059 "
                + "--keystore lab/meter-keys.p12"})
final class MeterAttackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "The meter's AMI port (tcp:HOST:PORT), or with --via optical its optical head (a serial "
                    + "device or tcp:HOST:PORT).")
    String port;

    @Option(names = "--via", defaultValue = "ami", paramLabel = "ami|optical",
            description = "ami: the meter's AMI port (default). optical: its optical port (HDLC after the sign-on).")
    PortOptions.Via via;

    @Option(names = "--layer", split = ",", paramLabel = "LAYER[,LAYER]",
            description = "hdlc, wrapper, acse, apdu (default: every layer the port carries: hdlc, acse, apdu over "
                    + "HDLC; wrapper, acse, apdu over the wrapper).")
    List<String> layers;

    @Option(names = "--keystore", required = true, paramLabel = "FILE",
            description = "PKCS#12 keystore with the meter's keys (aliases <serial>.ek and <serial>.ak).")
    Path keystore;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for each answer to a correct request (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "The meter type's profile (docs/meter-profile.md): its management client, addresses and "
                    + "OBIS codes. Default: the virtual lab's meter.")
    Path profile;

    @Option(names = "--serial", paramLabel = "SERIAL",
            description = "The serial the meter must have: checked against its answer.")
    String serial;

    /** Where the keystore password comes from; tests replace it. */
    Supplier<char[]> password = KeystorePassword::resolve;

    private List<AttackLayer> selectedLayers(DlmsFraming framing) {
        if (layers == null || layers.isEmpty()) {
            return AttackLayer.applyingTo(framing);
        }
        List<AttackLayer> selected = new java.util.ArrayList<>();
        for (String name : layers) {
            AttackLayer layer;
            try {
                layer = AttackLayer.ofExternal(name);
            } catch (IllegalArgumentException e) {
                throw new UserException("--layer: " + e.getMessage());
            }
            if (!layer.appliesTo(framing)) {
                throw new UserException("--layer " + layer.external() + " does not apply to this port, which carries "
                        + (framing == DlmsFraming.HDLC ? "HDLC" : "the wrapper") + " (layers: " + AttackLayer
                        .applyingTo(framing).stream().map(AttackLayer::external).collect(Collectors.joining(", ")) + ")");
            }
            selected.add(layer);
        }
        return selected;
    }

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new UserException("--timeout must be positive, was " + timeoutSeconds);
        }
        PortAddress address = PortAddress.parse(port);
        if (via == PortOptions.Via.ami && !address.isTcp()) {
            throw new UserException("--port must be the AMI port, tcp:HOST:PORT, not " + port);
        }
        SessionOptions options = SessionOptions.defaults()
                .withResponseTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
        MeterProfile meterType = profile == null ? MeterProfile.TESTBENCH_VIRTUAL : MeterProfileReader.read(profile);
        MeterChannel channel = via == PortOptions.Via.optical
                ? ProfiledMeter.opticalChannel(meterType, address, SignOnOptions.defaults())
                : ProfiledMeter.amiChannel(meterType, address, Duration.ofSeconds(5));
        List<AttackLayer> selected = selectedLayers(channel.framing());
        char[] secret = password.get();
        MeterKeyStore keys;
        try {
            keys = MeterKeyStore.open(keystore, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        ProfiledMeter meter = new ProfiledMeter(meterType, channel, Optional.ofNullable(serial), Optional.of(keys),
                options);
        Report report = meter.attack(selected, List.of());

        PrintWriter out = spec.commandLine().getOut();
        List<AttackResult> accepted = report.attacks().stream().filter(a -> a.verdict() == Verdict.ACCEPTED).toList();
        long errors = report.attacks().stream().filter(a -> a.verdict() == Verdict.ERROR).count();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", report.serial());
            m.put("attacks", report.attacks().stream().map(a -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", a.name());
                e.put("layer", a.layer().external());
                e.put("kind", a.kind().name());
                e.put("verdict", a.verdict().name());
                e.put("detail", a.detail());
                e.put("keptAnswering", a.keptAnswering());
                if (a.isFinding()) {
                    e.put("frames", a.frames());
                }
                return e;
            }).toList());
            m.put("keptWorking", report.keptWorking());
            out.println(Json.write(m));
        } else {
            out.printf("Meter %s (%s):%n", report.serial(), port);
            for (AttackResult a : report.attacks()) {
                out.printf("  %-7s %-25s %-8s %s%n", a.layer().external(), a.name(), a.verdict(), a.detail());
                if (a.isFinding()) {
                    a.frames().forEach(f -> out.printf("  %-33s   evidence %s%n", "", f));
                }
            }
            out.printf("%d of %d attacks refused, %d accepted, %d could not run; %s%n",
                    report.attacks().size() - accepted.size() - errors, report.attacks().size(), accepted.size(),
                    errors, report.finalCheck());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (AttackResult a : accepted) {
            err.printf("testbench meter-attack: %s: meter %s accepted %s%n", a.kind(), report.serial(), a.name());
        }
        for (AttackResult a : report.attacks()) {
            if (!a.keptAnswering()) {
                err.printf("testbench meter-attack: meter %s stopped answering on its link after %s%n",
                        report.serial(), a.name());
            }
        }
        if (!accepted.isEmpty() || !report.keptWorking()) {
            if (!report.keptWorking()) {
                err.printf("testbench meter-attack: meter %s did not keep working: %s%n", report.serial(),
                        report.finalCheck());
            }
            return ExitCode.VERIFICATION_FAILED;
        }
        if (errors > 0) {
            err.printf("testbench meter-attack: %d attack(s) could not run%n", errors);
            return ExitCode.ERROR;
        }
        return ExitCode.OK;
    }
}
