package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A meter whose reader authenticates with HLS-SHA256 (the virtual lab's {@code hls-sha256} type), through the
 * built jar as a lab engineer uses it: {@code read} with the type's profile, the serial and the keystore reads
 * energy; a wrong HLS secret — in the keystore or in the variable the profile's {@code secret_env} names — ends
 * with one line that says authentication failed and names the client, exit 2, and never shows a secret;
 * {@code discover --authentication hls-sha256} associates as that client and writes a profile that reads the
 * meter.
 */
class HlsSecretReaderIT {

    private static final String KEYSTORE_PASSWORD = "hls-it-keystore";
    private static final Map<String, String> ENV = Map.of("TESTBENCH_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Process lab;
    private static JsonNode meter;
    private static Path keystore;

    @BeforeAll
    static void startLab() throws Exception {
        Path file = dir.resolve("endpoints.json");
        lab = TestbenchJar.command(ENV, "lab", "--meters", "1", "--meter-types", "hls-sha256", "--endpoints",
                        file.toString(), "--dir", dir.resolve("lab").toString(), "--no-pty", "--mdms-time-scale", "0.1")
                .redirectOutput(dir.resolve("lab.out").toFile()).redirectError(dir.resolve("lab.err").toFile()).start();
        JsonNode endpoints = TestbenchJar.awaitEndpoints(lab, file, dir.resolve("lab.err"));
        meter = endpoints.get("meters").get(0);
        keystore = Path.of(endpoints.get("keystore").asText());
    }

    @AfterAll
    static void stopLab() throws Exception {
        if (lab != null) {
            lab.destroy();
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).as("lab stops on SIGTERM").isTrue();
        }
    }

    private static String serial() {
        return meter.get("serial").asText();
    }

    private static TestbenchJar.Result read(Map<String, String> env, Path keys, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("read", "--port", meter.get("ami").asText(), "--via",
                "ami", "--profile", meter.get("profile").asText(), "--serial", serial(), "--keystore", keys.toString()));
        args.addAll(List.of(more));
        return TestbenchJar.run(env, args.toArray(String[]::new));
    }

    @Test
    void readsEnergyThroughTheHlsSha256ReaderWithTheKeystoresSecret() throws Exception {
        assertThat(meter.get("type").asText()).isEqualTo("hls-sha256");
        TestbenchJar.Result r = read(ENV, keystore, "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("serial").asText()).isEqualTo(serial());
        assertThat(json.get("objects").toString()).contains("1.0.1.8.0.255").contains("1.0.2.8.0.255");
        assertThat(json.get("unavailable")).as("the public client may not read energy; client 48 may").isEmpty();
    }

    @Test
    void aWrongSecretIsOneLineThatNamesTheClientWithExitTwo() throws Exception {
        byte[] right = labSecret();
        byte[] wrong = HexFormat.of().parseHex("8899aabbccddeeff0011223344556677");
        TestbenchJar.Result fromKeystore = read(ENV, wrongKeystore(wrong));
        TestbenchJar.Result fromVariable = read(withVariable("hex:" + HexFormat.of().formatHex(wrong)), keystore);
        for (TestbenchJar.Result r : List.of(fromKeystore, fromVariable)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err().strip()).doesNotContain("\n").contains("authentication failed")
                    .contains("client 48 (hls-sha256)").contains("wrong HLS secret")
                    .contains("reader client of meter " + serial());
            for (byte[] secret : List.of(right, wrong)) {
                assertThat(r.out() + r.err()).doesNotContainIgnoringCase(HexFormat.of().formatHex(secret));
            }
        }
        assertThat(fromKeystore.err()).contains("keystore entry '" + serial() + ".hls'");
        assertThat(fromVariable.err()).contains("environment variable TESTBENCH_HLS_SECRET");
    }

    @Test
    void discoverAssociatesAsTheHlsSha256ReaderAndWritesAProfileThatReads() throws Exception {
        Path written = dir.resolve("discovered.yaml");
        TestbenchJar.Result d = TestbenchJar.run(ENV, "discover", "--port", meter.get("ami").asText(), "--via", "ami",
                "--profile", meter.get("profile").asText(), "--client", "48", "--authentication", "hls-sha256",
                "--secret-env", "HS6_SECRET", "--keystore", keystore.toString(), "--serial", serial(),
                "--profile-out", written.toString());
        assertThat(d.exitCode()).as(d.err()).isZero();
        String yaml = Files.readString(written);
        assertThat(yaml).contains("reader: {address: 48, authentication: hls-sha256, secret_env: HS6_SECRET}")
                .contains("energyImport: 1.0.1.8.0.255");
        Map<String, String> env = new HashMap<>(ENV);
        env.put("HS6_SECRET", "hex:" + HexFormat.of().formatHex(labSecret()));
        TestbenchJar.Result r = TestbenchJar.run(env, "read", "--port", meter.get("ami").asText(), "--via", "ami",
                "--profile", written.toString(), "--serial", serial(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("objects").toString()).contains("1.0.1.8.0.255");

        TestbenchJar.Result bad = TestbenchJar.run(ENV, "discover", "--port", meter.get("ami").asText(), "--via", "ami",
                "--authentication", "hls-sha256", "--password-env", "X");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(bad.err()).contains("--password-env is for --authentication low");
    }

    private static Map<String, String> withVariable(String value) {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("TESTBENCH_HLS_SECRET", value);
        return env;
    }

    private static byte[] labSecret() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        return store.getKey(serial() + ".hls", KEYSTORE_PASSWORD.toCharArray()).getEncoded();
    }

    private static Path wrongKeystore(byte[] secret) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(serial() + ".hls", new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, "AES")),
                new KeyStore.PasswordProtection(KEYSTORE_PASSWORD.toCharArray()));
        Path file = dir.resolve("wrong-hls.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, KEYSTORE_PASSWORD.toCharArray());
        }
        return file;
    }
}
