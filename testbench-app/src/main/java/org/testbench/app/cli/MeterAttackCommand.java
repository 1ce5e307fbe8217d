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
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.profile.MeterProfileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "meter-attack", mixinStandardHelpOptions = true,
        description = {"DLMS negative tests over a meter's AMI port: after a correct management association "
                + "(HLS-GMAC, security suite 0, the meter's keys from the keystore) sends one crafted request at a "
                + "time: " + "replayed and lower invocation counter, flipped authentication tag, wrong key, wrong "
                + "system title, wrong APDU and wrapper length, too-long frame. Each must be refused, and the meter "
                + "must keep answering correct requests.",
                "The keystore password is read from TESTBENCH_KEYSTORE_PASSWORD, or asked for on the terminal."},
        footer = {"", "Exit codes: 0 every attack refused and the meter kept working, 1 an attack was accepted "
                + "(SECURITY finding) or the meter stopped working, 2 bad input, wrong keys or unreachable meter.",
                "", "Example:", "  TESTBENCH_KEYSTORE_PASSWORD=... testbench meter-attack --port tcp:127.0.0.1:4059 "
                + "--keystore lab/meter-keys.p12"})
final class MeterAttackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "tcp:HOST:PORT", description = "The meter's AMI port.")
    String port;

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

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds <= 0) {
            throw new UserException("--timeout must be positive, was " + timeoutSeconds);
        }
        PortAddress address = PortAddress.parse(port);
        if (!address.isTcp()) {
            throw new UserException("--port must be the AMI port, tcp:HOST:PORT, not " + port);
        }
        char[] secret = password.get();
        MeterKeyStore keys;
        try {
            keys = MeterKeyStore.open(keystore, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        SessionOptions options = SessionOptions.defaults()
                .withResponseTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
        MeterProfile meterType = profile == null ? MeterProfile.TESTBENCH_VIRTUAL : MeterProfileReader.read(profile);
        MeterChannel channel = ProfiledMeter.amiChannel(meterType, address, Duration.ofSeconds(5));
        if (channel.framing() != DlmsFraming.WRAPPER) {
            throw new UserException("meter-attack runs over the DLMS wrapper; the AMI port of " + meterType.describe()
                    + " uses " + channel.framing());
        }
        ProfiledMeter meter = new ProfiledMeter(meterType, channel, Optional.ofNullable(serial), Optional.of(keys),
                options);
        Report report = MeterAttacks.run(channel, keys, meter.attackTarget(), options, MeterAttacks.ATTACKS);

        PrintWriter out = spec.commandLine().getOut();
        List<AttackResult> accepted = report.attacks().stream().filter(a -> a.verdict() == Verdict.ACCEPTED).toList();
        long errors = report.attacks().stream().filter(a -> a.verdict() == Verdict.ERROR).count();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", report.serial());
            m.put("attacks", report.attacks().stream().map(a -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", a.name());
                e.put("verdict", a.verdict().name());
                e.put("detail", a.detail());
                if (a.verdict() == Verdict.ACCEPTED) {
                    e.put("frames", a.frames());
                }
                return e;
            }).toList());
            m.put("keptWorking", report.keptWorking());
            out.println(Json.write(m));
        } else {
            out.printf("Meter %s (%s):%n", report.serial(), port);
            for (AttackResult a : report.attacks()) {
                out.printf("  %-22s %-8s %s%n", a.name(), a.verdict(), a.detail());
                if (a.verdict() == Verdict.ACCEPTED) {
                    a.frames().forEach(f -> out.printf("  %-22s   evidence %s%n", "", f));
                }
            }
            out.printf("%d of %d attacks refused, %d accepted, %d could not run; %s%n",
                    report.attacks().size() - accepted.size() - errors, report.attacks().size(), accepted.size(),
                    errors, report.finalCheck());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (AttackResult a : accepted) {
            err.printf("testbench meter-attack: SECURITY: meter %s accepted %s%n", report.serial(), a.name());
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
