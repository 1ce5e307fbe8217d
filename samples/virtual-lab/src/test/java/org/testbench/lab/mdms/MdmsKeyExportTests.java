package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;
import org.testbench.lab.support.TestCertificates;
import org.testbench.lab.support.TestCertificates.Recipient;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** exportMeterKeys: CMS AuthEnvelopedData that the recipient, and only the recipient, opens. */
class MdmsKeyExportTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static VirtualLab lab;
    private static MdmsHttp mdms;
    private static Recipient recipient;

    @BeforeAll
    static void startLab() throws Exception {
        lab = MdmsLabs.start(2, Set.of());
        mdms = MdmsLabs.client(lab);
        recipient = TestCertificates.ec("secp256r1");
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static String request(String pem) throws IOException {
        return JSON.writeValueAsString(Map.of("recipientCertificate", pem));
    }

    private static byte[] exportEnvelope(VirtualMeter meter) throws Exception {
        Reply reply = mdms.post("/meters/" + meter.serial() + "/keys", request(recipient.certificatePem()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("serial").asText()).isEqualTo(meter.serial());
        return Base64.getDecoder().decode(reply.json().path("envelope").asText());
    }

    @Test
    void envelopeDecryptsWithTheRecipientKeyToTheMetersKeys() throws Exception {
        VirtualMeter meter = lab.meter(1);
        MeterSecrets secrets = TestLabs.keysOf(lab, meter);
        Reply reply = mdms.post("/meters/" + meter.serial() + "/keys", request(recipient.certificatePem()));
        byte[] envelope = Base64.getDecoder().decode(reply.json().path("envelope").asText());

        CMSAuthEnvelopedData cms = new CMSAuthEnvelopedData(envelope);
        assertThat(cms.getEncryptionAlgOID()).isEqualTo(CMSAlgorithm.AES256_GCM.getId());
        List<RecipientInformation> recipients = List.copyOf(cms.getRecipientInfos().getRecipients());
        assertThat(recipients).hasSize(1).first().isInstanceOf(KeyAgreeRecipientInformation.class);
        assertThat(recipients.get(0).getKeyEncryptionAlgOID()).isEqualTo(CMSAlgorithm.ECDH_SHA256KDF.getId());
        byte[] content = recipients.get(0).getContent(
                new JceKeyAgreeEnvelopedRecipient(recipient.keys().getPrivate()).setProvider(new BouncyCastleProvider()));

        JsonNode keys = JSON.readTree(content);
        assertThat(keys.path("serial").asText()).isEqualTo(meter.serial());
        assertThat(Base64.getDecoder().decode(keys.path("ek").asText())).isEqualTo(secrets.encryptionKey());
        assertThat(Base64.getDecoder().decode(keys.path("ak").asText())).isEqualTo(secrets.authenticationKey());
        assertThat(reply.json().path("keyFingerprints").path("ek").asText()).isEqualTo(fingerprint(secrets.encryptionKey()));
        assertThat(reply.json().path("keyFingerprints").path("ak").asText())
                .isEqualTo(fingerprint(secrets.authenticationKey()));
    }

    @Test
    void opensslDecryptsTheEnvelope(@TempDir Path dir) throws Exception {
        assumeThat(openssl()).as("openssl on the PATH").isTrue();
        VirtualMeter meter = lab.meter(2);
        MeterSecrets secrets = TestLabs.keysOf(lab, meter);
        Files.write(dir.resolve("envelope.der"), exportEnvelope(meter));
        Files.writeString(dir.resolve("recipient.pem"), recipient.certificatePem());
        Files.writeString(dir.resolve("recipient.key"), recipient.privateKeyPem());

        Process process = new ProcessBuilder("openssl", "cms", "-decrypt", "-inform", "DER", "-in", "envelope.der",
                "-recip", "recipient.pem", "-inkey", "recipient.key", "-out", "keys.json")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        JsonNode keys = JSON.readTree(Files.readAllBytes(dir.resolve("keys.json")));
        assertThat(Base64.getDecoder().decode(keys.path("ek").asText())).isEqualTo(secrets.encryptionKey());
        assertThat(Base64.getDecoder().decode(keys.path("ak").asText())).isEqualTo(secrets.authenticationKey());
    }

    @Test
    void anotherKeyCannotOpenTheEnvelope() throws Exception {
        Recipient stranger = TestCertificates.ec("secp256r1");
        CMSAuthEnvelopedData cms = new CMSAuthEnvelopedData(exportEnvelope(lab.meter(1)));
        RecipientInformation only = cms.getRecipientInfos().getRecipients().iterator().next();

        assertThatThrownBy(() -> only.getContent(
                new JceKeyAgreeEnvelopedRecipient(stranger.keys().getPrivate()).setProvider(new BouncyCastleProvider())))
                .isInstanceOf(CMSException.class);
    }

    @Test
    void aBenchCertificateLimitedToKeyAgreementAndClientAuthReceivesKeys() throws Exception {
        TestCertificates.Recipient bench = TestCertificates.p256With(KeyUsage.digitalSignature | KeyUsage.keyAgreement,
                KeyPurposeId.id_kp_clientAuth);

        Reply reply = mdms.post("/meters/26000001/keys", request(bench.certificatePem()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void certificatesThatCannotReceiveKeysAreRefusedWithTheReason() throws Exception {
        String path = "/meters/26000001/keys";
        assertRefused(mdms.post(path, request(TestCertificates.rsa().certificatePem())), "INVALID_CERTIFICATE",
                "the public key is RSA");
        assertRefused(mdms.post(path, request(TestCertificates.ec("secp384r1").certificatePem())),
                "INVALID_CERTIFICATE", "EC P-256 is required");
        assertRefused(mdms.post(path, request(TestCertificates.expiredP256().certificatePem())),
                "INVALID_CERTIFICATE", "expired");
        assertRefused(mdms.post(path, request("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")),
                "INVALID_CERTIFICATE", "not a valid X.509");
        assertRefused(mdms.post(path, request("hello")), "INVALID_CERTIFICATE", "not a PEM certificate");
        assertRefused(mdms.post(path, request(TestCertificates.p256With(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)
                .certificatePem())), "INVALID_CERTIFICATE", "the key usage does not allow keyAgreement");
        assertRefused(mdms.post(path, request(TestCertificates.p256With(KeyUsage.keyAgreement,
                KeyPurposeId.id_kp_serverAuth).certificatePem())), "INVALID_CERTIFICATE",
                "the extended key usage does not allow clientAuth (it allows 1.3.6.1.5.5.7.3.1)");
        assertRefused(mdms.post(path, "{}"), "BAD_REQUEST", "recipientCertificate: required");
        assertThat(mdms.post("/meters/99999999/keys", request(recipient.certificatePem())).status()).isEqualTo(404);
    }

    private static void assertRefused(Reply reply, String code, String detail) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("code").asText()).isEqualTo(code);
        assertThat(reply.json().path("detail").asText()).contains(detail);
    }

    private static String fingerprint(byte[] key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
        return "SHA-256:" + HexFormat.of().formatHex(digest, 0, 8);
    }

    private static boolean openssl() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
