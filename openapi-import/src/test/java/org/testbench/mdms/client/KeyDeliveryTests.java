package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;
import static org.testbench.mdms.testing.MdmsBodies.error;
import static org.testbench.mdms.testing.MdmsBodies.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.KeyEnvelopes;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;
import org.testbench.mdms.testing.TestPki;

/** keys.get: the bench's certificate goes out, a CMS envelope comes back, the keys come out of it. */
class KeyDeliveryTests {

    private static final ApiCatalog CATALOG = Specs.load("mdms-v1.yaml");
    private static final char[] PASSWORD = "bench".toCharArray();
    static final byte[] EK = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    static final byte[] AK = HexFormat.of().parseHex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedf");

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static BenchIdentity bench;

    private MockWebServer server;
    private MdmsClient client;

    @BeforeAll
    static void identity() throws Exception {
        pki = TestPki.create("Lab CA");
        bench = BenchIdentity.load(pki.client("bench-3").writePkcs12(dir.resolve("bench.p12"), PASSWORD), PASSWORD);
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(CATALOG)
                .binding(Samples.binding()).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    static String fingerprint(byte[] key) throws Exception {
        return "SHA-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
    }

    static String answer(byte[] envelope, String ekFingerprint, String akFingerprint) {
        return "{\"serial\":\"" + SERIAL + "\",\"envelope\":\"" + Base64.getEncoder().encodeToString(envelope)
                + "\",\"keyFingerprints\":{\"ek\":\"" + ekFingerprint + "\",\"ak\":\"" + akFingerprint + "\"}}";
    }

    @Test
    void saysWhyACertificateCannotReceiveKeys() throws Exception {
        assertThat(bench.keyDeliveryProblem()).isEmpty();
        TestPki.Issued signer = pki.signer("qa-signer");
        assertThat(new BenchIdentity(signer.key(), java.util.List.of(signer.certificate())).keyDeliveryProblem())
                .contains("its key usage does not allow keyAgreement");
        TestPki.Issued server = pki.server();
        assertThat(new BenchIdentity(server.key(), java.util.List.of(server.certificate())).keyDeliveryProblem())
                .contains("its extended key usage does not allow clientAuth");
    }

    @Test
    void unwrapsTheKeysWithTheBenchsPrivateKey() throws Exception {
        byte[] envelope = KeyEnvelopes.envelope(SERIAL, EK, AK, bench.certificate());
        server.enqueue(json(200, answer(envelope, fingerprint(EK), fingerprint(AK))));

        try (DeliveredKeys keys = client.getKeys(SERIAL, bench)) {
            assertThat(keys.serial()).isEqualTo(SERIAL);
            assertThat(keys.encryptionKey()).isEqualTo(EK);
            assertThat(keys.authenticationKey()).isEqualTo(AK);
            assertThat(keys.toString()).isEqualTo("DeliveredKeys[26000001, EK " + fingerprint(EK) + ", AK " + fingerprint(AK) + "]");
        }
        RecordedRequest request = server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/meters/26000001/keys");
        String certificate = new ObjectMapper().readTree(request.getBody().readUtf8()).get("recipientCertificate").asText();
        assertThat(certificate).isEqualTo(bench.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void keysComeOutOfAnAnswerTheCallerKeeps() throws Exception {
        server.enqueue(json(200, answer(KeyEnvelopes.envelope(SERIAL, EK, AK, bench.certificate()), fingerprint(EK),
                fingerprint(AK))));

        MdmsResponse answer = client.call(Capability.KEYS_GET, MdmsClient.keysInputs(SERIAL, bench));

        assertThat(answer.isOk()).isTrue();
        assertThat(answer.findings()).isEmpty();
        try (DeliveredKeys keys = client.unwrapKeys(answer, bench)) {
            assertThat(keys.encryptionKey()).isEqualTo(EK);
            assertThat(keys.authenticationKeyFingerprint()).isEqualTo(fingerprint(AK));
        }
        server.enqueue(json(404, error("METER_NOT_FOUND", "Meter 26000001 is not installed")));
        MdmsResponse other = client.call(Capability.METER_GET, java.util.Map.of("serial", SERIAL));
        assertThatThrownBy(() -> client.unwrapKeys(other, bench)).isInstanceOf(IllegalArgumentException.class).hasMessage("not an answer to keys.get: meter.get");
    }

    @Test
    void destroyedKeysAreZeroedAndRefused() throws Exception {
        server.enqueue(json(200, answer(KeyEnvelopes.envelope(SERIAL, EK, AK, bench.certificate()), fingerprint(EK), fingerprint(AK))));
        DeliveredKeys keys = client.getKeys(SERIAL, bench);
        keys.close();
        assertThat(keys.isDestroyed()).isTrue();
        assertThat(keys).hasToString("DeliveredKeys[26000001, destroyed]");
        assertThatThrownBy(keys::encryptionKey).isInstanceOf(IllegalStateException.class)
                .hasMessage("keys of meter 26000001 were destroyed");
    }

    @Test
    void envelopeForAnotherCertificateIsRefused() throws Exception {
        byte[] envelope = KeyEnvelopes.envelope(SERIAL, EK, AK, pki.client("someone-else").certificate());
        server.enqueue(json(200, answer(envelope, fingerprint(EK), fingerprint(AK))));
        assertThatThrownBy(() -> client.getKeys(SERIAL, bench)).isInstanceOf(KeyDeliveryException.class)
                .hasMessageStartingWith("keys.get for meter 26000001: the envelope is not addressed to the bench"
                        + " certificate (O=Testbench tests,CN=bench-3");
    }

    @Test
    void alteredEnvelopeFailsItsAuthentication() throws Exception {
        byte[] envelope = KeyEnvelopes.envelope(SERIAL, EK, AK, bench.certificate());
        envelope[envelope.length - 30] ^= 0x01; // inside the encrypted content or the tag
        server.enqueue(json(200, answer(envelope, fingerprint(EK), fingerprint(AK))));
        assertThatThrownBy(() -> client.getKeys(SERIAL, bench)).isInstanceOf(KeyDeliveryException.class)
                .hasMessageContaining("keys.get for meter 26000001: the envelope");
    }

    @Test
    void fingerprintThatDoesNotMatchIsRefused() throws Exception {
        byte[] envelope = KeyEnvelopes.envelope(SERIAL, EK, AK, bench.certificate());
        server.enqueue(json(200, answer(envelope, "SHA-256:0000000000000000", fingerprint(AK))));
        assertThatThrownBy(() -> client.getKeys(SERIAL, bench)).isInstanceOf(KeyDeliveryException.class)
                .hasMessage("keys.get for meter 26000001: the unwrapped EK has fingerprint " + fingerprint(EK)
                        + ", the MDMS claims SHA-256:0000000000000000");
    }

    @Test
    void keysOfAnotherMeterAreRefused() throws Exception {
        byte[] envelope = KeyEnvelopes.envelope("99999999", EK, AK, bench.certificate());
        server.enqueue(json(200, answer(envelope, fingerprint(EK), fingerprint(AK))));
        assertThatThrownBy(() -> client.getKeys(SERIAL, bench)).isInstanceOf(KeyDeliveryException.class)
                .hasMessage("keys.get for meter 26000001: the envelope holds the keys of meter 99999999, not of 26000001");
    }

    @Test
    void refusalOfTheMdmsIsPassedOn() {
        server.enqueue(json(400, error("INVALID_CERTIFICATE", "The recipient certificate is not usable")));
        assertThatThrownBy(() -> client.getKeys(SERIAL, bench)).isInstanceOf(KeyDeliveryException.class)
                .hasMessage("keys.get for meter 26000001: exportMeterKeys refused the request with 400:"
                        + " INVALID_CERTIFICATE: The recipient certificate is not usable")
                .satisfies(e -> assertThat(((KeyDeliveryException) e).response()).isPresent());
    }
}
