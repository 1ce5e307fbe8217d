package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 4's proof that meter keys never leak. With known keys — the virtual lab's, read from its keystore —
 * the built jar runs as a lab would: {@code testbench lab} (weak-replay meters, so findings with evidence are
 * recorded), {@code run} of security-dlms.yaml (keys from the MDMS, CMS-unwrapped) with every logger at TRACE
 * into a log file, {@code run} of e2e-load-switch.yaml with {@code -vv} (keys from the keystore), a
 * {@code switch} with wrong keys (a failed association), {@code results} and signed PDF/JSON and JUnit
 * {@code report}s. Every process runs under a {@code java.util.logging} configuration that asks for FINEST
 * everywhere, Gurux included, which logs keys at that level. Then every byte produced is searched for every
 * key in hex (both cases), Base64 (padded, unpadded, URL-safe) and raw: stdout and stderr of every process,
 * the log file, the endpoints file, every file the lab wrote, the H2 database (its raw file and the text of
 * every table), the reports (raw, the PDF's decoded streams and its extracted text).
 *
 * <p>Excluded, because holding the keys is their job: the lab's keystore {@code meter-keys.p12} (the
 * PKCS#12 file the keys are read from, encrypted with its password) and the test's own keystore of wrong
 * keys. The reference MDMS exports keys only inside the CMS envelope of its HTTP answer, which writes no file.
 */
class KeyLeakIT {

    private static final String KEYSTORE_PASSWORD = "leak-it-keystore-password";
    private static final String TLS_PASSWORD = "leak-it-tls-password";
    private static final String SIGNING_PASSWORD = "leak-it-signing-password";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
            "TESTBENCH_MDMS_TOKEN", "leak-it-mdms-token-0123456789", "TESTBENCH_TLS_PASSWORD", TLS_PASSWORD,
            "TESTBENCH_SIGNING_PASSWORD", SIGNING_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEQUENCES = Path.of("..", "samples", "sequences").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    /** Every stdout and stderr, by process. */
    private final Map<String, String> streams = new LinkedHashMap<>();

    @Test
    void noKeyAppearsInAnyLogDatabaseReportOrMessage() throws Exception {
        Path finest = Files.writeString(dir.resolve("finest-logging.properties"), String.join("\n",
                "handlers=java.util.logging.ConsoleHandler", ".level=FINEST", "gurux.level=FINEST",
                "gurux.dlms.GXDLMS.level=ALL", "gurux.dlms.secure.GXSecure.level=ALL",
                "java.util.logging.ConsoleHandler.level=ALL",
                "java.util.logging.SimpleFormatter.format=JUL %4$s %3$s: %5$s%6$s%n", ""));
        Path logback = Files.writeString(dir.resolve("logback-trace.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%thread] %%logger - %%msg%%n%%ex</pattern></encoder>
                  </appender>
                  <root level="TRACE"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.resolve("trace.log")));
        List<String> jvm = List.of("-Djava.util.logging.config.file=" + finest);

        Path identity = benchIdentity();
        Path endpoints = dir.resolve("endpoints.json");
        Process lab = start("lab", jvm, "-vv", "lab", "--meters", "2", "--endpoints", endpoints.toString(), "--dir",
                dir.resolve("lab").toString(), "--no-pty", "--meter-profile", "weak-replay", "--mdms-time-scale", "0.1");
        try {
            TestbenchJar.awaitEndpoints(lab, endpoints, dir.resolve("lab.err"));
            String db = "jdbc:h2:file:" + dir.resolve("results");
            Path keystore = Path.of(JSON.readTree(endpoints.toFile()).get("keystore").asText());

            List<String> traceJvm = new ArrayList<>(jvm);
            traceJvm.add("-Dlogback.configurationFile=" + logback);
            Result noIdentity = run("run security-dlms without identity", jvm, "run",
                    SEQUENCES.resolve("security-dlms.yaml").toString(), "--lab", endpoints.toString(), "--db", db);
            assertThat(noIdentity.exitCode).isEqualTo(2);
            assertThat(noIdentity.err).contains("--identity FILE.p12");
            // Without the keystore's password: a sequence that gets its keys from the MDMS never opens the keystore.
            Map<String, String> noKeystore = new LinkedHashMap<>(ENV);
            noKeystore.remove("TESTBENCH_KEYSTORE_PASSWORD");
            Result security = run("run security-dlms", noKeystore, traceJvm, "run",
                    SEQUENCES.resolve("security-dlms.yaml").toString(), "--lab", endpoints.toString(), "--identity",
                    identity.toString(), "--db", db, "--json");
            assertThat(security.exitCode).as("weak-replay meters fail security-dlms: %s", security.err).isEqualTo(1);
            String securityRun = JSON.readTree(security.out).get("runId").asText();
            assertThat(security.out).contains("SECURITY").contains("replayed-counter");

            Result e2e = run("run e2e-load-switch", jvm, "-vv", "run", SEQUENCES.resolve("e2e-load-switch.yaml")
                    .toString(), "--lab", endpoints.toString(), "--db", db, "--json");
            assertThat(e2e.exitCode).as(e2e.err).isZero();
            String e2eRun = JSON.readTree(e2e.out).get("runId").asText();

            JsonNode meter1 = JSON.readTree(endpoints.toFile()).get("meters").get(0);
            Path wrongKeystore = wrongKeystore(meter1.get("serial").asText());
            Result wrongSwitch = run("switch with wrong keys", jvm, "-vv", "switch", "--port",
                    meter1.get("ami").asText(), "--via", "ami", "--keystore", wrongKeystore.toString(), "open");
            assertThat(wrongSwitch.exitCode).as(wrongSwitch.err).isEqualTo(2);
            assertThat(wrongSwitch.err).contains("authentication failed");

            assertThat(run("pki init", jvm, "pki", "init", dir.resolve("pki").toString()).exitCode).isZero();
            Path reports = Files.createDirectories(dir.resolve("reports"));
            for (String runId : List.of(securityRun, e2eRun)) {
                assertThat(run("results " + runId, jvm, "-vv", "results", runId, "--db", db, "--json").exitCode).isZero();
                assertThat(run("results " + runId, jvm, "results", runId, "--db", db).exitCode).isZero();
                for (String format : List.of("pdf", "json", "junit")) {
                    Path out = reports.resolve(runId + "." + format);
                    Result r = format.equals("junit")
                            ? run("report " + format, jvm, "-vv", "report", runId, "--db", db, "--format", format,
                                    "--out", out.toString())
                            : run("report " + format, jvm, "-vv", "report", runId, "--db", db, "--format", format,
                                    "--out", out.toString(), "--sign", dir.resolve("pki/qa-signer.p12").toString());
                    assertThat(r.exitCode).as(r.err).isZero();
                }
            }
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Map<String, byte[]> keys = knownKeys(keystore, JSON.readTree(endpoints.toFile()));
            keys.putAll(keysIn(wrongKeystore, "wrong"));
            assertThat(keys).hasSizeGreaterThanOrEqualTo(6);
            SecretSearch search = new SecretSearch();
            keys.forEach(search::key);
            // The other secrets of the run: the private keys of the bench's identity and of the QA signer, and the
            // passwords and the token, which come from the environment only.
            privateKeys(identity, TLS_PASSWORD, "bench identity", search);
            privateKeys(dir.resolve("pki/qa-signer.p12"), SIGNING_PASSWORD, "QA signer", search);
            ENV.forEach(search::text);
            search.assertFindsEachForm();

            // The records prove the keys went through: the delivered keys appear, as fingerprints.
            String securityJson = Files.readString(reports.resolve(securityRun + ".json"));
            String ek1 = "lab " + meter1.get("serial").asText() + ".ek";
            assertThat(securityJson).contains(fingerprint(keys.get(ek1)));

            List<String> leaks = new ArrayList<>();
            streams.forEach((name, text) -> leaks.addAll(search.find(name, text)));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("the files searched").anyMatch(f -> f.toString().endsWith(".mv.db"))
                    .anyMatch(f -> f.getFileName().toString().equals("trace.log"))
                    .anyMatch(f -> f.toString().endsWith(".pdf")).anyMatch(f -> f.toString().endsWith(".p7s"));
            leaks.addAll(search.inFiles(dir, f -> !isLegitimateHolder(f, keystore, wrongKeystore)));
            leaks.addAll(search.inDatabase(db, 51));
            String trace = Files.readString(dir.resolve("trace.log"));
            assertThat(trace).as("the log file holds TRACE output").contains("TRACE")
                    .contains("FrameExchange").contains("MeterAttacks").contains("MdmsClient");
            assertThat(leaks).as("key material found").isEmpty();
            assertThat(String.join("\n", streams.values()) + Files.readString(dir.resolve("lab.err")))
                    .as("Gurux never logged below INFO").doesNotContainPattern("JUL (FINE|FINER|FINEST|CONFIG) gurux");
        } finally {
            lab.destroyForcibly();
        }
    }

    /**
     * The keystore of the lab, the test's keystore of wrong keys, the bench's identities (the test's and the one
     * pki init makes) and the QA signer's hold keys by design, encrypted with their passwords; the lab's MDMS
     * secret file holds the lab's token by design, for its own user only (rw-------).
     */
    private boolean isLegitimateHolder(Path file, Path keystore, Path wrongKeystore) {
        return file.toAbsolutePath().normalize().equals(keystore.toAbsolutePath().normalize())
                || file.equals(wrongKeystore) || file.equals(dir.resolve("bench.p12"))
                || file.equals(dir.resolve("pki/qa-signer.p12")) || file.equals(dir.resolve("pki/bench-identity.p12"))
                || isOwnerOnlyLabSecret(file);
    }

    private static boolean isOwnerOnlyLabSecret(Path file) {
        if (!file.getFileName().toString().equals(org.testbench.app.runs.LabSecretFile.FILE_NAME)) {
            return false;
        }
        try {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("the lab's secret file %s", file).isEqualTo("rw-------");
        } catch (IOException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** A private key of a PKCS#12 file: its scalar in every form, and its PKCS#8 encoding, also as PEM lines. */
    private static void privateKeys(Path p12, String password, String label, SecretSearch search) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, password.toCharArray());
        }
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.getKey(alias, password.toCharArray()) instanceof java.security.interfaces.ECPrivateKey k) {
                byte[] scalar = new byte[32];
                byte[] s = k.getS().toByteArray();
                int n = Math.min(s.length, 32);
                System.arraycopy(s, s.length - n, scalar, 32 - n, n);
                search.key(label + " private key", scalar);
                byte[] der = k.getEncoded();
                search.key(label + " PKCS#8", der).form(label + " PKCS#8", "PEM",
                        Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
            }
        }
        assertThat(search.names()).as("a private key in " + p12).contains(label + " private key");
    }

    private static String fingerprint(byte[] key) throws Exception {
        return "SHA-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
    }

    /**
     * Every key in the lab's keystore, by alias: the meters' EK and AK, and whatever key a later version keeps there
     * (an event-signing key) without this test having to know it.
     */
    private static Map<String, byte[]> knownKeys(Path keystore, JsonNode endpoints) throws Exception {
        Map<String, byte[]> keys = keysIn(keystore, "lab");
        for (JsonNode m : endpoints.get("meters")) {
            for (String kind : List.of("ek", "ak")) {
                assertThat(keys).as("the lab's keystore").containsKey("lab " + m.get("serial").asText() + "." + kind);
            }
        }
        return keys;
    }

    private static Map<String, byte[]> keysIn(Path keystore, String label) throws Exception {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        for (String alias : java.util.Collections.list(store.aliases())) {
            java.security.Key key = store.isKeyEntry(alias) ? store.getKey(alias, KEYSTORE_PASSWORD.toCharArray()) : null;
            if (key != null && key.getEncoded() != null) {
                keys.put(label + " " + alias, key.getEncoded());
            }
        }
        return keys;
    }

    /** Keys for meter 1 that are not its keys: the association must fail, and say so without them. */
    private Path wrongKeystore(String serial) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (String kind : List.of("ek", "ak")) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            store.setEntry(serial + "." + kind, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
                    new KeyStore.PasswordProtection(KEYSTORE_PASSWORD.toCharArray()));
        }
        Path file = dir.resolve("wrong-keys.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, KEYSTORE_PASSWORD.toCharArray());
        }
        return file;
    }

    /** The bench's identity, an EC P-256 key pair: the recipient of the keys the MDMS delivers. */
    private Path benchIdentity() throws Exception {
        Path identity = dir.resolve("bench.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=leak-it",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", identity.toString(), "-storepass", TLS_PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.out").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        return identity;
    }

    private record Result(int exitCode, String out, String err) {
    }

    private ProcessBuilder command(List<String> jvm, String... args) {
        return command(ENV, jvm, args);
    }

    private ProcessBuilder command(Map<String, String> env, List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(TestbenchJar.jar().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TESTBENCH_"));
        pb.environment().putAll(env);
        return pb;
    }

    private Process start(String name, List<String> jvm, String... args) throws IOException {
        return command(jvm, args).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private Result run(String name, List<String> jvm, String... args) throws Exception {
        return run(name, ENV, jvm, args);
    }

    private Result run(String name, Map<String, String> env, List<String> jvm, String... args) throws Exception {
        String file = name.replaceAll("[^A-Za-z0-9-]+", "_") + "-" + streams.size();
        Path out = dir.resolve(file + ".out");
        Path err = dir.resolve(file + ".err");
        Process p = command(env, jvm, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not end within 180 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        streams.put(name + " (" + file + ")", r.out + "\n" + r.err);
        return r;
    }
}
