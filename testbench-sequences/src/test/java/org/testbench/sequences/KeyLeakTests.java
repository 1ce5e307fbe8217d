package org.testbench.sequences;

import org.testbench.mdms.client.MdmsOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.HeldMeterKeys;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.DeliveredKeys;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.MdmsGateway;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.SecretFilter;

/**
 * The code paths that could print a key, fed a known one: toString of every type that holds keys, the
 * exception of an association refused for a wrong key, a run whose management step fails for wrong keys
 * (its messages, findings, evidence, measurements and every log line at TRACE), and the store's SecretFilter.
 * None may show the key in hex (either case, also as a dump with spaces or colons), Base64 (padded, unpadded,
 * URL-safe). KeyLeakIT does the same
 * for every byte a whole lab run writes.
 */
class KeyLeakTests {

    private static final byte[] EK = HexFormat.of().parseHex("5c1e3a7b9d2f4e6a8c0b1d3f5a7c9e0b");
    private static final byte[] AK = HexFormat.of().parseHex("e4d3c2b1a0f9e8d7c6b5a4938271605f");

    @TempDir
    Path dir;

    private static List<String> forms(byte[] key) {
        return List.of(HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key),
                HexFormat.ofDelimiter(" ").formatHex(key), HexFormat.ofDelimiter(" ").withUpperCase().formatHex(key),
                HexFormat.ofDelimiter(":").formatHex(key), HexFormat.ofDelimiter(":").withUpperCase().formatHex(key),
                Base64.getEncoder().encodeToString(key), Base64.getEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    private static void assertNoKey(String what, String text) {
        for (byte[] key : List.of(EK, AK)) {
            for (String form : forms(key)) {
                assertThat(text).as("%s shows a key as %s", what, form).doesNotContain(form);
            }
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void typesThatHoldKeysShowFingerprintsOnly() {
        MeterKeys keys = new MeterKeys("26000001", EK, AK);
        HeldMeterKeys held = new HeldMeterKeys("test");
        held.hold(keys.copy());
        DeliveredKeys delivered = new DeliveredKeys("26000001", EK, AK);
        MdmsGateway.KeyDelivery delivery = new MdmsGateway.KeyDelivery(new MdmsGateway.Result(MdmsOutcome.OK, 200, Map.of(),
                List.of(), List.of(), Duration.ZERO, "delivered"), Optional.of(keys));

        for (Object o : List.of(keys, held, delivered, delivery)) {
            assertNoKey(o.getClass().getSimpleName(), o.toString());
        }
        assertThat(keys.toString()).contains("sha256:" + keys.encryptionKeyFingerprint());
        assertThat(delivered.toString()).contains(delivered.encryptionKeyFingerprint());
        assertThatThrownBy(() -> new MeterKeys("26000001", java.util.Arrays.copyOf(EK, 15), AK))
                .satisfies(e -> assertNoKey("a refused key length", stackTrace(e)));
        held.destroy();
        delivered.destroy();
    }

    @Test
    void aRefusedAssociationAndARunThatFailsOnWrongKeysNeverShowThem() throws Exception {
        Captured log = Captured.capture();
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1).keystorePassword("leak".toCharArray())
                .opticalPty(false).benchPty(false).build())) {
            VirtualMeter meter = lab.meter(1);
            AmiChannel ami = new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
            try (HeldMeterKeys wrong = new HeldMeterKeys("wrong keys")) {
                wrong.hold(new MeterKeys(meter.serial(), EK, AK));
                assertThatThrownBy(() -> MeterSession.openManagement(ami, wrong, SessionOptions.defaults()))
                        .isInstanceOf(DeviceException.class).hasMessageContaining("authentication failed")
                        .satisfies(e -> assertNoKey("the refused association's exception", stackTrace(e)));
            }

            Path keystore = wrongKeystore(meter.serial());
            RunEvents events = new RunEvents();
            Instruments instruments = new Instruments(Optional.empty(),
                    Optional.of(MeterKeyStore.open(keystore, "leak".toCharArray())), Optional.empty(),
                    (position, kind, message) -> "yes", SessionOptions.defaults());
            RunResult result = new SequenceEngine().start(SequenceParser.parse("wrong-keys.yaml", """
                    sequence: wrong-keys
                    steps:
                      - meter.switch: {action: open, via: ami}
                      - meter.attack: {attacks: [replayed-counter]}
                    cleanup:
                      - meter.switch: {action: close, via: ami}
                    """.getBytes(StandardCharsets.UTF_8)), Map.of(), List.of(new PositionSetup(1,
                    Optional.of(meter.serial()), new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())),
                    Optional.of(ami))), instruments, events).await(Duration.ofMinutes(1));

            assertThat(result.verdict()).as("wrong keys are the bench's fault, not the meter's").isEqualTo(Verdict.ERROR);
            assertThat(events.lines).anyMatch(l -> l.contains("authentication failed"));
            assertThat(events.lines).as("the refused associations' frames are kept, their HLS challenges withheld")
                    .anyMatch(l -> l.startsWith("evidence dlms frames") && l.contains("[HLS challenge withheld]"));
            for (RunResult.PositionResult p : result.positions()) {
                assertNoKey("the position's message", String.valueOf(p.message()));
                for (Finding f : p.findings()) {
                    assertNoKey("a finding", f.message() + f.evidence());
                }
            }
            assertNoKey("the run's events", String.join("\n", events.lines));
        } finally {
            log.close();
        }
        assertThat(log.lines).as("TRACE was captured").anyMatch(l -> l.startsWith("TRACE"));
        assertNoKey("the log at TRACE", String.join("\n", log.lines));
    }

    @Test
    void llsPasswordsRightOrWrongNeverAppearInExceptionsEventsOrTheLog() throws Exception {
        String wrongPassword = "Wr0ng-LLS-Pa55word";
        Captured log = Captured.capture();
        String rightPassword;
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1)
                .meterTypes(List.of(org.testbench.lab.meter.MeterType.LLS_READER)).keystorePassword("leak".toCharArray())
                .opticalPty(false).benchPty(false).build())) {
            VirtualMeter meter = lab.meter(1);
            org.testbench.drivers.profile.MeterProfile profile = org.testbench.sequences.profile.MeterProfileReader
                    .read(Path.of("..", "samples", "meters", "lls-reader.yaml"));
            MeterKeyStore labKeys = MeterKeyStore.open(lab.keystore(), "leak".toCharArray());
            try (var password = labKeys.passwordFor(meter.serial())) {
                rightPassword = new String(password.bytes(), StandardCharsets.UTF_8);
                assertThat(password.toString()).doesNotContain(rightPassword);
            }
            for (MeterKeyStore keys : List.of(labKeys, MeterKeyStore.open(llsKeystore(meter.serial(), wrongPassword),
                    "leak".toCharArray()))) {
                RunEvents events = new RunEvents();
                RunResult result = readOverAmi(meter, profile, keys, events);
                String everything = String.join("\n", events.lines) + result.positions().get(0).message();
                if (keys == labKeys) {
                    assertThat(result.verdict()).as(everything).isEqualTo(Verdict.PASS);
                } else {
                    assertThat(result.verdict()).as("a wrong password is the bench's fault").isEqualTo(Verdict.ERROR);
                    assertThat(everything).contains("authentication failed").contains("client 32 (low)");
                }
                assertThat(events.lines).as("the AARQ is kept as evidence, its password withheld")
                        .anyMatch(l -> l.startsWith("evidence dlms frames") && l.contains(" -> ")
                                && l.contains("[LLS password withheld]"));
                for (String secret : List.of(rightPassword, wrongPassword)) {
                    for (String form : passwordForms(secret)) {
                        assertThat(everything).as("the run's events show an LLS password as %s", form)
                                .doesNotContain(form);
                    }
                }
            }
        } finally {
            log.close();
        }
        String logged = String.join("\n", log.lines);
        assertThat(logged).as("the bench's TRACE was captured").contains("TRACE org.testbench.drivers");
        for (String secret : List.of(rightPassword, wrongPassword)) {
            for (String form : passwordForms(secret)) {
                assertThat(logged).as("the log at TRACE shows an LLS password as %s", form).doesNotContain(form);
            }
        }
    }

    @Test
    void hlsSecretsRightOrWrongNeverAppearInExceptionsEventsOrTheLog() throws Exception {
        byte[] wrongSecret = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        Captured log = Captured.capture();
        byte[] rightSecret;
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(1)
                .meterTypes(List.of(org.testbench.lab.meter.MeterType.HLS_SHA256)).keystorePassword("leak".toCharArray())
                .opticalPty(false).benchPty(false).build())) {
            VirtualMeter meter = lab.meter(1);
            org.testbench.drivers.profile.MeterProfile profile = org.testbench.sequences.profile.MeterProfileReader
                    .read(Path.of("..", "samples", "meters", "hls-sha256.yaml"));
            MeterKeyStore labKeys = MeterKeyStore.open(lab.keystore(), "leak".toCharArray());
            try (var secret = labKeys.hlsSecretFor(meter.serial())) {
                rightSecret = secret.bytes();
                assertThat(secret.toString()).doesNotContain(HexFormat.of().formatHex(rightSecret));
            }
            for (MeterKeyStore keys : List.of(labKeys, MeterKeyStore.open(hlsKeystore(meter.serial(), wrongSecret),
                    "leak".toCharArray()))) {
                RunEvents events = new RunEvents();
                RunResult result = readOverAmi(meter, profile, keys, events);
                String everything = String.join("\n", events.lines) + result.positions().get(0).message();
                if (keys == labKeys) {
                    assertThat(result.verdict()).as(everything).isEqualTo(Verdict.PASS);
                    assertThat(events.lines).as("pass 3 and 4 are kept as evidence, their hashes withheld")
                            .anyMatch(l -> l.startsWith("evidence dlms frames") && l.contains("[HLS answer withheld]"));
                } else {
                    assertThat(result.verdict()).as("a wrong secret is the bench's fault").isEqualTo(Verdict.ERROR);
                    assertThat(everything).contains("authentication failed").contains("client 48 (hls-sha256)");
                }
                assertThat(events.lines).as("the AARQ is kept as evidence, its challenge withheld")
                        .anyMatch(l -> l.startsWith("evidence dlms frames") && l.contains(" -> ")
                                && l.contains("[HLS challenge withheld]"));
                for (byte[] secret : List.of(rightSecret, wrongSecret)) {
                    for (String form : forms(secret)) {
                        assertThat(everything).as("the run's events show an HLS secret as %s", form)
                                .doesNotContain(form);
                    }
                }
            }
        } finally {
            log.close();
        }
        String logged = String.join("\n", log.lines);
        assertThat(logged).as("the bench's TRACE was captured").contains("TRACE org.testbench.drivers");
        for (byte[] secret : List.of(rightSecret, wrongSecret)) {
            for (String form : forms(secret)) {
                assertThat(logged).as("the log at TRACE shows an HLS secret as %s", form).doesNotContain(form);
            }
        }
    }

    /** Reads the meter's serial and energy over its AMI port as the profile's reader, with these keys. */
    private static RunResult readOverAmi(VirtualMeter meter, org.testbench.drivers.profile.MeterProfile profile,
                                         MeterKeyStore keys, RunEvents events) throws Exception {
        AmiChannel ami = new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(2));
        PositionSetup position = new PositionSetup(1, Optional.of(meter.serial()),
                new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())), Optional.of(ami), profile);
        String read = """
                sequence: reader-read
                steps:
                  - meter.read: {objects: [serial, energyImport], via: ami}
                """;
        return new SequenceEngine().start(SequenceParser.parse("reader-read.yaml", read.getBytes(StandardCharsets.UTF_8)),
                Map.of(), List.of(position), new Instruments(Optional.empty(), Optional.of(keys), Optional.empty(),
                        (p, k, m) -> "yes", SessionOptions.defaults()), events).await(Duration.ofMinutes(1));
    }

    private Path hlsKeystore(String serial, byte[] secret) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(serial + ".hls", new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, "AES")),
                new KeyStore.PasswordProtection("leak".toCharArray()));
        Path file = dir.resolve("hls.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "leak".toCharArray());
        }
        return file;
    }

    private static List<String> passwordForms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, HexFormat.of().formatHex(bytes), HexFormat.of().withUpperCase().formatHex(bytes),
                HexFormat.ofDelimiter(" ").formatHex(bytes), HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes),
                Base64.getEncoder().encodeToString(bytes));
    }

    private Path llsKeystore(String serial, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        // As keytool -importpass stores it.
        store.setEntry(serial + ".lls", new KeyStore.SecretKeyEntry(javax.crypto.SecretKeyFactory.getInstance("PBE")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray()))),
                new KeyStore.PasswordProtection("leak".toCharArray()));
        Path file = dir.resolve("lls.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "leak".toCharArray());
        }
        return file;
    }

    @Test
    void theStoresSecretFilterRemovesEveryFormOfAKey() {
        SecretFilter filter = SecretFilter.of(EK, AK);
        StringBuilder text = new StringBuilder("evidence:");
        for (byte[] key : List.of(EK, AK)) {
            forms(key).forEach(f -> text.append(" [").append(f).append(']'));
        }

        SecretFilter.Redaction redaction = filter.redact(text.toString());

        assertThat(redaction.removed()).isGreaterThanOrEqualTo(18);
        assertNoKey("the redacted text", redaction.text());
        assertThat(filter.appearsIn(redaction.text())).isFalse();
        assertNoKey("the filter", filter.toString());
    }

    private Path wrongKeystore(String serial) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(serial + ".ek", new KeyStore.SecretKeyEntry(new SecretKeySpec(EK, "AES")),
                new KeyStore.PasswordProtection("leak".toCharArray()));
        store.setEntry(serial + ".ak", new KeyStore.SecretKeyEntry(new SecretKeySpec(AK, "AES")),
                new KeyStore.PasswordProtection("leak".toCharArray()));
        Path file = dir.resolve("wrong.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "leak".toCharArray());
        }
        return file;
    }

    /** Everything a run tells its listeners, as text. */
    private static final class RunEvents implements RunListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void measurement(int position, Step step, Measurement m) {
            lines.add("measurement " + m);
        }

        @Override
        public void finding(int position, Step step, Finding finding) {
            lines.add("finding " + finding);
        }

        @Override
        public void evidence(int position, Step step, String kind, String content) {
            lines.add("evidence " + kind + " " + content);
        }

        @Override
        public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
            lines.add("step " + step.displayName() + " " + verdict + " " + message);
        }
    }

    /** Every log event from every thread at TRACE, with its stack trace, while a test runs. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Logger ours = (Logger) LoggerFactory.getLogger("org.testbench");
        private Level rootLevel;
        private Level ourLevel;

        static Captured capture() {
            Captured c = new Captured();
            c.rootLevel = c.root.getLevel();
            c.ourLevel = c.ours.getLevel();
            c.setContext(c.root.getLoggerContext());
            c.start();
            c.root.addAppender(c);
            c.root.setLevel(Level.TRACE);
            c.ours.setLevel(Level.TRACE);
            return c;
        }

        @Override
        protected void append(ILoggingEvent e) {
            lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }

        void close() {
            root.detachAppender(this);
            root.setLevel(rootLevel);
            ours.setLevel(ourLevel);
            stop();
        }
    }
}
