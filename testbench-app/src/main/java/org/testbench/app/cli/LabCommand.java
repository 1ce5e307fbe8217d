package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.testbench.app.runs.LabSecretFile;
import org.testbench.app.runs.MdmsFiles;
import org.testbench.app.runs.MutualTlsSpec;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.tls.ClientTrust;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPacing;
import org.testbench.lab.trust.TsaBehaviour;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Runs the virtual lab in the foreground until interrupted (Ctrl+C): simulated meters "
                + "with an optical port (TCP, and a pseudo-terminal when socat is installed) and an AMI port "
                + "(DLMS wrapper over TCP), their keys in a PKCS#12 keystore.",
                "The keystore password is TESTBENCH_KEYSTORE_PASSWORD; when it is unset, a random one is "
                + "generated and printed once."},
        footer = {"", "Endpoints file (--endpoints):",
                "  {\"meters\":[{\"position\":1,\"serial\":\"...\",\"optical\":\"tcp:127.0.0.1:P\","
                        + "\"opticalPty\":\"<path or null>\",\"ami\":\"tcp:127.0.0.1:P\",\"type\":\"testbench-virtual\","
                        + "\"profile\":\"<path of the type's meter profile>\"}],\"keystore\":\"<path>\",",
                "   \"bench\":{\"scpi\":\"tcp:127.0.0.1:P\",\"scpiPty\":\"<path or null>\",\"positions\":N},",
                "   \"mdms\":{\"url\":\"http://127.0.0.1:P\",\"spec\":\"<path>\",\"binding\":\"<path>\",\"faults\":[...],"
                        + "\"latency\":\"rf\"},",
                "   \"broker\":{\"url\":\"tcp://127.0.0.1:P\",\"mqtt\":\"3.1.1\"}}  (with --broker: its url, ca and user)",
                "   \"tsa\":{\"url\":\"http://127.0.0.1:P/tsa\",\"ca\":\"<path>\"},",
                "   \"pki\":{\"ca\":\"<path>\",\"signer\":\"<path of qa-signer.p12>\",\"revoke\":\"http://127.0.0.1:P/qa/revoke\"}",
                "The TSA and the QA CA (docs/signed-reports.md): the signer's password is the keystore password.",
                "With --mdms-tls the url is https://127.0.0.1:P and \"ca\":\"<path>\" is the PEM file of the CA to trust.",
                "With --mdms-client-auth: \"clientAuth\":\"need\",\"clientCa\":\"<path>\" and, with the lab's own client "
                        + "CA, \"identity\":\"<path of bench-identity.p12>\" (docs/mdms-auth.md).",
                "The MDMS requires the bearer token TESTBENCH_MDMS_TOKEN (generated and printed once when unset).",
                "Events (docs/events.md): the meters push last gasp, tamper and load-switch events through a gateway "
                        + "to an embedded MQTT 3.1.1 broker, or to --broker; the MDMS subscribes to them."})
final class LabCommand implements Callable<Integer> {

    /** Where the password of {@code --broker-user} comes from; never an option, never printed. */
    static final String BROKER_PASSWORD = "TESTBENCH_BROKER_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", paramLabel = "N",
            description = "Number of simulated meters, one per bench position (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--endpoints", paramLabel = "FILE", description = "Also write the endpoints to FILE as JSON.")
    Path endpoints;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the keystore and pseudo-terminal links go, kept after the lab stops "
                    + "(default: a temporary directory, deleted with the keys when the lab stops).")
    Path dir;

    @Option(names = "--no-pty", description = "Do not create pseudo-terminals (optical ports, bench serial line).")
    boolean noPty;

    @Option(names = "--mdms-faults", paramLabel = "PROFILE[,PROFILE]",
            description = "Make the reference MDMS misbehave: write-before-execute, opaque-errors, generic-200, "
                    + "no-status, unreachable-as-500, stale-registers, duplicate-events, drop-events, "
                    + "unchecked-signatures, slow-events, html-errors (default: none, a correct MDMS).")
    String mdmsFaults;

    @Option(names = "--mdms-latency", paramLabel = "rf|plc", defaultValue = "rf",
            description = "Network latency of the MDMS's head-end: rf (commands in 1-3 s, default) or plc (2-30 min).")
    String mdmsLatency;

    @Option(names = "--mdms-time-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiplies every MDMS delay, e.g. 0.01 to run PLC latencies in seconds (default: 1).")
    double mdmsTimeScale;

    @Option(names = "--meter-profile", paramLabel = "strict|weak-replay", defaultValue = "strict",
            description = "strict: meters refuse an invocation counter they have already seen (default). "
                    + "weak-replay: meters accept a replayed (equal) counter, to prove that meter-attack catches it.")
    String meterProfile;

    @Option(names = "--meter-types", paramLabel = "T1,T2,...",
            description = "Meter types, assigned round-robin to the positions (position 1 gets T1): testbench-virtual "
                    + "(default), lls-reader, hls-only, alt-obis, direct-hdlc, manual-reconnect, weak-link (mishandles "
                    + "the link and LLS, for meter-attack), hls-sha256 (an HLS-SHA256 reader), ext-register (logical device 17, management client 3, class 4 energy on channel 1, a clock in Sydney time), float-kwh (float64 energy in kWh), ldn-serial (the serial only in the logical device name), tariff-only (import energy only in two tariff registers). Each type's meter profile is written to the lab's directory and named in the endpoints file (samples/meters).")
    String meterTypes;

    @Option(names = "--optical-pacing", paramLabel = "none|line", defaultValue = "none",
            description = "line: the optical ports take a real line's time, 10 bit times per byte at the negotiated "
                    + "baud (300 Bd sign-on, then e.g. 9600) and the standard's reaction times; none: as fast as TCP "
                    + "and the pseudo-terminal carry bytes (default).")
    String opticalPacing;

    @Option(names = "--mdms-tls", paramLabel = "PROFILE",
            description = "Serve the MDMS over HTTPS: good (NIST SP 800-52r2 conformant) or a weak profile: tls10, "
                    + "null-cipher, anon-cipher, camellia, small-curve, expired, self-signed, wrong-host, rsa1024, sha1 "
                    + "(default: plain HTTP). The CA to trust is written to the work directory and the endpoints file.")
    String mdmsTls;

    @Option(names = "--mdms-client-auth", paramLabel = "none|want|need", defaultValue = "none",
            description = "Mutual TLS: whether the MDMS asks for the client's certificate (want) or refuses a client "
                    + "without a trusted one in the handshake (need); implies --mdms-tls good unless a profile is given. "
                    + "With need, the endpoints file's spec (OpenAPI 3.1) requires the security scheme mutualTLS. "
                    + "Default: none.")
    String mdmsClientAuth;

    @Option(names = "--mdms-client-ca", paramLabel = "FILE",
            description = "With --mdms-client-auth: accept client certificates of the CAs in this PEM file (e.g. "
                    + "testbench pki init's ca.pem) instead of the lab's own client CA, which issues the bench identity "
                    + "DIR/bench-identity.p12 (password: the keystore password) named in the endpoints file.")
    Path mdmsClientCa;

    @Option(names = "--mdms-dialect", paramLabel = "NAME", defaultValue = "reference",
            description = "The API the MDMS speaks: reference (samples/openapi/mdms-v1.yaml, bearer token, default), "
                    + "gridflow (device ids, nested bodies, ON/OFF, jobs, kWh, problem+json, OAuth2 client credentials) "
                    + "or metercloud (MTR- ids, connected/disconnected, status URL in the body, API key or basic). "
                    + "The endpoints file names its spec, binding and authentication (docs/mdms-auth.md).")
    String mdmsDialect;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Use this MQTT broker (e.g. Mosquitto; tcp://HOST:PORT or ssl://HOST:PORT) for the event "
                    + "notifications instead of the embedded one. The lab's gateway and MDMS speak MQTT 3.1.1 to it; "
                    + "the password is TESTBENCH_BROKER_PASSWORD.")
    String broker;

    @Option(names = "--broker-ca", paramLabel = "FILE",
            description = "The CA (PEM) the --broker's TLS certificate must chain to.")
    Path brokerCa;

    @Option(names = "--broker-user", paramLabel = "U", description = "The user name for --broker.")
    String brokerUser;

    @Option(names = "--tsa-behaviour", paramLabel = "B", defaultValue = "correct",
            description = "How the lab's time-stamping authority answers: correct (default), garbage, wrong-digest, "
                    + "slow, rejecting: to see how a signer copes with a bad TSA.")
    String tsaBehaviour;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || meters > 1000) {
            throw new UserException("--meters must be 1..1000, was " + meters);
        }
        LabSecret password = LabSecret.fromEnvironmentOrGenerate(LabSecret.KEYSTORE_PASSWORD);
        LabSecret token = LabSecret.fromEnvironmentOrGenerate(LabSecret.MDMS_TOKEN);
        LabConfig.Builder config = LabConfig.builder().meters(meters).keystorePassword(password.value())
                .opticalPty(!noPty).benchPty(!noPty).mdmsToken(new String(token.value()));
        try {
            if (mdmsFaults != null) {
                config.mdmsFaults(MdmsFault.parseList(mdmsFaults));
            }
            config.mdmsLatency(MdmsLatency.parse(mdmsLatency)).mdmsTimeScale(mdmsTimeScale);
            config.strictInvocationCounter(strictInvocationCounter(meterProfile));
            if (meterTypes != null) {
                config.meterTypes(MeterType.parseList(meterTypes));
            }
            config.opticalPacing(OpticalPacing.parse(opticalPacing));
            config.mdmsDialect(MdmsDialect.parse(mdmsDialect));
            if (mdmsTls != null) {
                config.mdmsTls(MdmsTlsProfile.parse(mdmsTls));
            }
            MdmsClientAuth clientAuth = MdmsClientAuth.parse(mdmsClientAuth);
            config.mdmsClientAuth(clientAuth);
            if (mdmsClientCa != null) {
                if (!clientAuth.asks()) {
                    throw new UserException("--mdms-client-ca needs --mdms-client-auth want or need");
                }
                // Read here so that a wrong file is one line before anything starts; the lab reads it again.
                ClientTrust.readPem(mdmsClientCa);
                config.mdmsClientCa(mdmsClientCa);
            }
            config.tsa(TsaBehaviour.parse(tsaBehaviour));
        } catch (IllegalArgumentException | IOException | UserException e) {
            password.clear();
            throw new UserException((mdmsClientCa != null && e instanceof IOException ? "--mdms-client-ca " : "")
                    + e.getMessage());
        }
        if (dir != null) {
            config.workDir(dir); // kept after the lab stops; a temporary one is deleted with the keys in it
        }
        config.events(true);
        if (broker != null) {
            config.broker(externalBroker());
        } else if (brokerCa != null || brokerUser != null) {
            password.clear();
            throw new UserException("--broker-ca and --broker-user need --broker");
        }
        VirtualLab lab;
        try {
            lab = VirtualLab.start(config.build());
        } catch (IOException | RuntimeException e) {
            password.clear();
            throw e;
        }
        Thread hook = new Thread(() -> {
            lab.close();
            stopped.countDown();
        }, "testbench-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            MdmsDialect dialect = lab.mdms().dialect();
            MdmsFiles files = MdmsFiles.extract(lab.workDir(), dialect.specFile(), dialect.bindingFile());
            if (lab.mdms().clientAuth() == MdmsClientAuth.NEED) {
                MutualTlsSpec.require(files.spec());
            }
            // Other terminals of this user reach the MDMS through this file; nobody else can read it.
            Path secretFile = LabSecretFile.write(lab.workDir(), token.value());
            Map<String, Object> endpointsJson = endpoints(lab, files);
            @SuppressWarnings("unchecked")
            Map<String, Object> mdmsJson = (Map<String, Object>) endpointsJson.get("mdms");
            mdmsJson.put("dialect", dialect.externalName());
            mdmsJson.put("auth", auth(dialect, secretFile));
            String json = Json.write(endpointsJson);
            if (endpoints != null) {
                writeAtomically(endpoints, json);
            }
            print(spec.commandLine().getOut(), lab, password, token);
            password.clear();
            token.clear();
            stopped.await();
        } finally {
            lab.close();
        }
        return ExitCode.OK;
    }

    private BrokerEndpoint externalBroker() {
        if (brokerCa != null && !Files.isReadable(brokerCa)) {
            throw new UserException("--broker-ca " + brokerCa + ": no such readable file");
        }
        String secret = System.getenv(BROKER_PASSWORD);
        if (brokerUser != null && (secret == null || secret.isEmpty())) {
            throw new UserException("--broker-user " + brokerUser + " needs its password in " + BROKER_PASSWORD);
        }
        try {
            return BrokerEndpoint.of(broker, Optional.ofNullable(brokerCa), Optional.ofNullable(brokerUser),
                    secret == null ? new char[0] : secret.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new UserException("--broker: " + e.getMessage());
        }
    }

    /** How a client authenticates to the lab's MDMS: the scheme, who, and where the secret is (never the secret). */
    static Map<String, Object> auth(MdmsDialect dialect, Path secretFile) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("scheme", dialect.authScheme());
        switch (dialect) {
            case GRIDFLOW -> {
                auth.put("clientId", MdmsDialect.OAUTH2_CLIENT_ID);
                auth.put("scopes", List.of(MdmsDialect.OAUTH2_SCOPE));
            }
            case METERCLOUD -> auth.put("user", MdmsDialect.BASIC_USER);
            case REFERENCE -> { }
        }
        auth.put("secretFile", secretFile.toString());
        return auth;
    }

    static boolean strictInvocationCounter(String profile) {
        if (profile == null || profile.equals("strict")) {
            return true;
        }
        if (profile.equals("weak-replay")) {
            return false;
        }
        throw new UserException("--meter-profile must be strict or weak-replay, was " + profile);
    }

    static Map<String, Object> endpoints(VirtualLab lab, MdmsFiles files) {
        List<Map<String, Object>> list = lab.meters().stream().map(m -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("position", m.position());
            e.put("serial", m.serial());
            e.put("optical", m.opticalEndpoint());
            e.put("opticalPty", m.opticalPty().map(Path::toString).orElse(null));
            e.put("ami", m.amiEndpoint());
            e.put("type", m.type().name());
            e.put("profile", lab.profile(m.type()).toString());
            return e;
        }).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("meters", list);
        root.put("keystore", lab.keystore().toString());
        Map<String, Object> bench = new LinkedHashMap<>();
        bench.put("scpi", lab.bench().scpiEndpoint());
        bench.put("scpiPty", lab.bench().serialPty().map(Path::toString).orElse(null));
        bench.put("positions", lab.bench().positions());
        root.put("bench", bench);
        Map<String, Object> mdms = new LinkedHashMap<>();
        mdms.put("url", lab.mdms().url());
        mdms.put("spec", files.spec().toString());
        mdms.put("binding", files.binding().toString());
        mdms.put("faults", lab.mdms().faults().stream().map(MdmsFault::externalName).toList());
        mdms.put("latency", lab.mdms().latency().name().toLowerCase(java.util.Locale.ROOT));
        lab.mdms().caFile().ifPresent(ca -> mdms.put("ca", ca.toString()));
        lab.mdms().tlsProfile().ifPresent(profile -> mdms.put("tls", profile.externalName()));
        if (lab.mdms().clientAuth().asks()) {
            mdms.put("clientAuth", lab.mdms().clientAuth().externalName());
            lab.mdms().clientCaFile().ifPresent(ca -> mdms.put("clientCa", ca.toString()));
            // The lab's own bench identity, for run --lab to present (its password: TESTBENCH_TLS_PASSWORD).
            lab.mdms().benchIdentity().ifPresent(identity -> mdms.put("identity", identity.toString()));
        }
        root.put("mdms", mdms);
        lab.broker().ifPresent(endpoint -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("url", endpoint.url());
            endpoint.caFile().ifPresent(ca -> b.put("ca", ca.toString()));
            endpoint.user().ifPresent(u -> b.put("user", u));
            if (lab.embeddedBroker()) {
                // Moquette speaks 3.1.1 only; an external broker's version is the bench's choice (bench.yaml).
                b.put("mqtt", "3.1.1");
            }
            root.put("broker", b);
        });
        lab.trust().ifPresent(trust -> {
            Map<String, Object> tsa = new LinkedHashMap<>();
            tsa.put("url", trust.tsaUrl().toString());
            tsa.put("ca", trust.tsaCaFile().toString());
            root.put("tsa", tsa);
            Map<String, Object> pki = new LinkedHashMap<>();
            pki.put("ca", trust.qaCaFile().toString());
            pki.put("signer", trust.signerFile().toString());
            pki.put("revoke", trust.qaCa().crlUrl().resolve("revoke").toString());
            root.put("pki", pki);
        });
        return root;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".endpoints", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void print(PrintWriter out, VirtualLab lab, LabSecret password, LabSecret token) {
        out.printf("Virtual lab: %d meter(s)%n", lab.meters().size());
        boolean mixed = lab.meters().stream().anyMatch(m -> m.type() != MeterType.TESTBENCH_VIRTUAL);
        out.printf("%-4s %-10s %-22s %-22s %s%n", "POS", "SERIAL", "OPTICAL", "AMI", "OPTICAL PTY"
                + (mixed ? "  TYPE" : ""));
        for (VirtualMeter m : lab.meters()) {
            out.printf("%-4d %-10s %-22s %-22s %s%n", m.position(), m.serial(), m.opticalEndpoint(), m.amiEndpoint(),
                    m.opticalPty().map(Path::toString).orElse("-") + (mixed ? "  " + m.type() : ""));
        }
        out.printf("Bench (SCPI): %s, %d positions%s%n", lab.bench().scpiEndpoint(), lab.bench().positions(),
                lab.bench().serialPty().map(p -> ", serial " + p).orElse(""));
        out.printf("MDMS: %s (dialect %s, %s; faults: %s, latency %s)%n", lab.mdms().url(), lab.mdms().dialect(),
                lab.mdms().dialect().authScheme(), MdmsFault.describe(lab.mdms().faults()), lab.mdms().latency());
        lab.mdms().tlsProfile().ifPresent(profile -> out.printf("MDMS TLS: profile %s (%s), CA %s%n",
                profile.externalName(), profile.description(), lab.mdms().caFile().map(Path::toString).orElse("-")));
        if (lab.mdms().clientAuth().asks()) {
            out.printf("MDMS client certificates: %s, from the CA(s) in %s%s%n", lab.mdms().clientAuth().externalName(),
                    lab.mdms().clientCaFile().map(Path::toString).orElse("-"), lab.mdms().benchIdentity()
                            .map(p -> "; bench identity " + p + " (password: the keystore password)").orElse(""));
        }
        lab.broker().ifPresent(b -> out.printf("Broker: %s (%s)%n", b.url(), lab.embeddedBroker()
                ? "embedded, MQTT 3.1.1" : "external" + b.user().map(u -> ", user " + u).orElse("")));
        lab.trust().ifPresent(t -> out.printf("TSA: %s (CA %s); QA signer %s (CA %s)%n", t.tsaUrl(), t.tsaCaFile(),
                t.signerFile(), t.qaCaFile()));
        out.printf("Keystore: %s%n", lab.keystore());
        for (LabSecret secret : List.of(password, token)) {
            if (secret.generated()) {
                // The one place a generated secret is shown: whoever started the lab needs it to use it.
                out.printf("%s was not set; generated for this lab (shown only now): %s%n", secret.variable(),
                        new String(secret.value()));
            }
        }
        if (endpoints != null) {
            out.printf("Endpoints written to %s%n", endpoints);
        }
        out.println("Running. Press Ctrl+C to stop.");
        out.flush();
    }
}
