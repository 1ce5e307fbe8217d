package org.testbench.sequences;

import org.testbench.mdms.binding.Capability;
import org.testbench.sequences.mdms.MdmsConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.MdmsGateway;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * {@code samples/sequences/security-dlms.yaml} on the virtual lab, with the meters' keys from the reference MDMS
 * (no keystore): it passes on strict meters and fails with SECURITY, naming the replayed counter, on meters that
 * accept one ({@code testbench lab --meter-profile weak-replay}). Writes the meter-profile matrix to
 * {@code target/security-dlms-matrix.md}.
 */
class SecurityDlmsSequenceTests {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Path MATRIX = Path.of("target", "security-dlms-matrix.md");
    private static final char[] PASSWORD = "security-dlms".toCharArray();
    private static final char[] IDENTITY_PASSWORD = "security-dlms-identity".toCharArray();
    private static final String TOKEN = "security-dlms-token-0123456789abcdef";

    private static Path identity;
    private static final List<String> matrixRows = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void benchIdentity() throws Exception {
        identity = Files.createTempDirectory("security-dlms-identity").resolve("bench.p12");
        // The bench's identity as a lab makes one: an EC P-256 key pair, the recipient of the keys.
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=security-dlms-test", "-validity", "2", "-storetype", "PKCS12", "-keystore", identity.toString(),
                "-storepass", new String(IDENTITY_PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
    }

    @AfterAll
    static void writeMatrix() throws IOException {
        Files.createDirectories(MATRIX.getParent());
        Files.writeString(MATRIX, "| sequence | meter profile | verdict |\n|---|---|---|\n"
                + matrixRows.stream().sorted().collect(Collectors.joining("\n")) + "\n");
        Files.deleteIfExists(identity);
        Files.deleteIfExists(identity.resolveSibling("wrong-keys.p12"));
        Files.deleteIfExists(identity.getParent());
    }

    @Test
    void strictMetersRefuseEveryAttackWithTheKeysTheMdmsDelivered() throws Exception {
        Outcome outcome = run("strict", true);

        assertThat(outcome.result.verdict()).as(outcome.explain()).isEqualTo(Verdict.PASS);
        assertThat(outcome.result.positions()).hasSize(2).allSatisfy(p -> assertThat(p.findings()).isEmpty());
        assertThat(outcome.measurements).as("every attack of every position refused")
                .filteredOn(m -> m.startsWith("replayedCounter=") || m.startsWith("tooLongFrame="))
                .hasSize(4).allSatisfy(m -> assertThat(m).endsWith("=REFUSED"));
        assertThat(outcome.measurements).as("the record shows the delivered keys by fingerprint")
                .anyMatch(m -> m.matches("ekFingerprint=SHA-256:[0-9a-f]{16}"));
        assertKeysDestroyed(outcome);
    }

    @Test
    void weakMetersAreCaughtAcceptingAReplayedCounter() throws Exception {
        Outcome outcome = run("weak-replay", false);

        assertThat(outcome.result.verdict()).as(outcome.explain()).isEqualTo(Verdict.FAIL);
        for (RunResult.PositionResult p : outcome.result.positions()) {
            assertThat(p.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(p.findings()).as(outcome.explain()).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.SECURITY);
                assertThat(f.message()).contains("accepted the replayed-counter attack");
                assertThat(f.evidence()).singleElement().satisfies(e -> assertThat(e)
                        .contains("replayed-counter accepted").containsPattern("\nTX [0-9a-f]+")
                        .containsPattern("\nRX [0-9a-f]+"));
            });
        }
        assertThat(outcome.measurements).filteredOn(m -> m.startsWith("lowerCounter=")).hasSize(2)
                .allSatisfy(m -> assertThat(m).isEqualTo("lowerCounter=REFUSED"));
        assertThat(outcome.steps).as("the meter still answered after the attacks")
                .anyMatch(s -> s.contains("the meter still answers on its optical port: PASS"));
        assertKeysDestroyed(outcome);
    }

    @Test
    void keysFromTheMdmsComeBeforeTheKeystore() throws Exception {
        // A keystore whose keys do not fit: a run that used it could not open a management association.
        Outcome outcome = run("strict", true, wrongKeystore());

        assertThat(outcome.result.verdict()).as(outcome.explain()).isEqualTo(Verdict.PASS);
        assertKeysDestroyed(outcome);
    }

    private static MeterKeyStore wrongKeystore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        SecureRandom random = new SecureRandom();
        for (String serial : List.of("26000001", "26000002")) {
            for (String kind : List.of("ek", "ak")) {
                byte[] key = new byte[16];
                random.nextBytes(key);
                store.setEntry(serial + "." + kind, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
                        new KeyStore.PasswordProtection(PASSWORD));
            }
        }
        Path file = identity.resolveSibling("wrong-keys.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return MeterKeyStore.open(file, PASSWORD);
    }

    private static void assertKeysDestroyed(Outcome outcome) {
        assertThat(outcome.delivered).as("keys delivered, one set per position").hasSize(2)
                .allSatisfy(k -> assertThat(k.isDestroyed()).as("destroyed when the position ended").isTrue());
    }

    /** What one run came to, with what the test saw on the way. */
    private record Outcome(RunResult result, List<String> measurements, List<String> steps, List<MeterKeys> delivered) {
        String explain() {
            StringBuilder b = new StringBuilder();
            steps.forEach(s -> b.append("\n  ").append(s));
            result.positions().forEach(p -> p.findings().forEach(f -> b.append("\n  finding ").append(f.type())
                    .append(": ").append(f.message())));
            return b.toString();
        }
    }

    private static Outcome run(String profile, boolean strict) throws Exception {
        return run(profile, strict, null);
    }

    private static Outcome run(String profile, boolean strict, MeterKeyStore keystore) throws Exception {
        Sequence sequence = SequenceParser.parse(SAMPLES.resolve("sequences/security-dlms.yaml"));
        Path dir = Files.createTempDirectory("security-dlms-" + profile);
        LabConfig config = LabConfig.builder().meters(2).workDir(dir).keystorePassword(PASSWORD.clone())
                .opticalPty(false).benchPty(false).strictInvocationCounter(strict).mdmsTimeScale(0.05)
                .mdmsToken(TOKEN).build();
        try (VirtualLab lab = VirtualLab.start(config); ClientMdmsGateway mdms = gateway(lab)) {
            Capturing capturing = new Capturing(mdms);
            // Without a keystore every key the sequence uses must come from the MDMS.
            Instruments instruments = new Instruments(Optional.empty(), Optional.ofNullable(keystore),
                    Optional.of(capturing), (position, kind, message) -> "yes", SessionOptions.defaults());
            Listener listener = new Listener();
            RunResult result = new SequenceEngine().start(sequence, Map.of(), LabPositions.of(lab), instruments, listener)
                    .await(Duration.ofMinutes(3));
            Set<FindingType> types = EnumSet.noneOf(FindingType.class);
            result.positions().forEach(p -> p.findings().stream().map(Finding::type).forEach(types::add));
            if (keystore == null) {
                matrixRows.add("| `security-dlms` | " + profile + " | " + result.verdict()
                        + (types.isEmpty() ? "" : " " + types.stream().map(t -> "**" + t + "**")
                        .collect(Collectors.joining(", "))) + " |");
            }
            for (VirtualMeter m : lab.meters()) {
                assertThat(m.relayClosed()).as("meter %d left closed", m.position()).isTrue();
            }
            return new Outcome(result, listener.measurements, listener.steps, capturing.delivered);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The MDMS client as {@code testbench run --identity} builds it, on the lab's URL and token. */
    private static ClientMdmsGateway gateway(VirtualLab lab) throws IOException {
        BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                SAMPLES.resolve("openapi/mdms-v1.yaml"), SAMPLES.resolve("bindings/mdms-v1.binding.yaml"),
                "TESTBENCH_MDMS_TOKEN", Optional.empty(), Optional.of(identity), BenchConfiguration.Latency.RF);
        return MdmsConnection.to(config).secrets(variable -> Optional.of(
                variable.equals(MdmsConnection.TLS_PASSWORD_VARIABLE) ? new String(IDENTITY_PASSWORD) : TOKEN)).gateway();
    }

    /** The real gateway, keeping a reference to every set of keys it hands out, to see them destroyed. */
    private static final class Capturing implements MdmsGateway {
        final MdmsGateway real;
        final List<MeterKeys> delivered = new CopyOnWriteArrayList<>();

        Capturing(MdmsGateway real) {
            this.real = real;
        }

        @Override
        public Result call(Capability capability, Map<String, Object> params, boolean follow, Duration timeout)
                throws IOException, InterruptedException {
            return real.call(capability, params, follow, timeout);
        }

        @Override
        public KeyDelivery keys(String serial, Duration timeout) throws IOException, InterruptedException {
            KeyDelivery d = real.keys(serial, timeout);
            d.keys().ifPresent(delivered::add);
            return d;
        }

        @Override
        public String describe() {
            return real.describe();
        }
    }

    private static final class Listener implements RunListener {
        final List<String> measurements = new CopyOnWriteArrayList<>();
        final List<String> steps = new CopyOnWriteArrayList<>();

        @Override
        public void measurement(int position, Step step, Measurement measurement) {
            measurements.add(measurement.name() + "=" + measurement.value());
        }

        @Override
        public void stepFinished(int position, Step step, Verdict verdict, String message, java.time.Instant at) {
            steps.add(position + " " + step.displayName() + ": " + verdict + (message == null ? "" : " — " + message));
        }
    }
}
