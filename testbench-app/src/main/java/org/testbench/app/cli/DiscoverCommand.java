package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testbench.drivers.dlms.ApduSecurity;
import org.testbench.drivers.dlms.AuthenticationMechanism;
import org.testbench.drivers.dlms.DlmsClient;
import org.testbench.drivers.dlms.ListedObject;
import org.testbench.drivers.profile.Clients;
import org.testbench.drivers.profile.Discovery;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.profile.MeterProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Associates with a meter as the client given (default: the public client), reads the "
                + "association's object list and suggests a meter profile (docs/meter-profile.md): where the "
                + "serial, energy registers, disconnect control, clock, invocation counter and event log are, and "
                + "what this client can read — each choice commented with why. Check and complete it (meter name, "
                + "management client) before use."},
        footer = {"", "Examples:", "  testbench discover --port /dev/ttyUSB0 --profile-out meters/new-type.yaml",
                "  testbench discover --port tcp:10.1.0.7:4059 --via ami --client 1 --authentication hls-gmac "
                        + "--keystore keys.p12 --serial 34000001 --json"})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PortOptions port;

    @Mixin
    KeystoreOption keystore;

    @Option(names = "--client", paramLabel = "N", description = "The client SAP to associate as (default 16, public).")
    Integer client;

    @Option(names = "--authentication", paramLabel = "MECHANISM", defaultValue = "none",
            description = "How the client authenticates: none, low (LLS password from the keystore entry "
                    + "<serial>.lls or --password-env), hls-md5, hls-sha1, hls-sha256 (HLS secret from the keystore "
                    + "entry <serial>.hls or --secret-env), hls-gmac (keys <serial>.ek/.ak, suite 0).")
    String authentication;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "For --authentication low: the environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--secret-env", paramLabel = "VARIABLE",
            description = "For --authentication hls-md5, hls-sha1, hls-sha256: the environment variable holding the "
                    + "HLS secret (text, or hex: and hex digits).")
    String secretEnv;

    @Option(names = "--profile-out", paramLabel = "FILE", description = "Write the suggested profile to FILE.")
    Path profileOut;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AuthenticationMechanism mechanism;
        try {
            mechanism = AuthenticationMechanism.ofExternal(authentication);
        } catch (IllegalArgumentException e) {
            throw new UserException("--authentication " + authentication + " is not one of "
                    + String.join(", ", AuthenticationMechanism.externalNames()));
        }
        if (passwordEnv != null && mechanism != AuthenticationMechanism.LOW) {
            throw new UserException("--password-env is for --authentication low");
        }
        if (secretEnv != null && !mechanism.usesHlsSecret()) {
            throw new UserException("--secret-env is for --authentication hls-md5, hls-sha1 or hls-sha256");
        }
        DlmsClient reader = new DlmsClient(client == null ? 16 : client, mechanism,
                mechanism == AuthenticationMechanism.HLS_GMAC ? ApduSecurity.AUTHENTICATED_ENCRYPTED : ApduSecurity.NONE,
                0, Optional.ofNullable(passwordEnv != null ? passwordEnv : secretEnv));
        MeterProfile given = port.profile();
        Optional<DlmsClient> management = mechanism == AuthenticationMechanism.HLS_GMAC ? Optional.of(reader)
                : given.clients().management();
        MeterProfile base = new MeterProfile("Discovered on " + port.port + " (name the maker, type, firmware)",
                given.optical(), given.ami(), given.addresses(),
                new Clients(reader, management, given.clients().publicClient()), given.objects(), "discovery");
        ProfiledMeter meter = new ProfiledMeter(base, port.channel(base), Optional.ofNullable(port.serial),
                keystore.open(), port.sessionOptions());
        Discovery.Result result = Discovery.discover(meter);
        String yaml = MeterProfileWriter.write(result.suggested(), List.of("Suggested by testbench discover on "
                + port.port + " as " + reader.describe() + "; " + result.objects().size() + " objects listed.",
                "Check every choice, name the meter, and give the management client its meter type uses."),
                result.why());
        if (profileOut != null) {
            Files.writeString(profileOut, yaml, StandardCharsets.UTF_8);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", reader.address());
            m.put("authentication", reader.authentication().external());
            m.put("objects", result.objects().stream().map(DiscoverCommand::listed).toList());
            m.put("profile", yaml);
            m.put("why", result.why());
            out.println(Json.write(m));
        } else if (profileOut == null) {
            out.print(yaml);
        } else {
            out.printf("%d objects listed for %s; suggested profile written to %s%n", result.objects().size(),
                    reader.describe(), profileOut);
        }
        return ExitCode.OK;
    }

    private static Map<String, Object> listed(ListedObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("obis", o.obis().toString());
        m.put("classId", o.classId());
        m.put("version", o.version());
        m.put("valueReadable", o.valueReadable());
        return m;
    }
}
