package org.testbench.lab.mdms.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * Wraps a meter's EK and AK for a recipient certificate as CMS AuthEnvelopedData (RFC 5083):
 * ephemeral-static ECDH on P-256 with the X9.63 SHA-256 KDF, AES-256 key wrap, AES-256-GCM content
 * encryption. The plaintext is {@code {"serial":"…","ek":"<base64>","ak":"<base64>"}}.
 *
 * <p>Every buffer that held key material is overwritten before this class returns (Strings cannot
 * be, so the plaintext is built as bytes). Thread-safe.
 */
public final class KeyExporter {

    private static final Logger LOG = LoggerFactory.getLogger(KeyExporter.class);
    private static final int FINGERPRINT_BYTES = 8;

    /** A private instance: the lab does not install Bouncy Castle for the whole JVM. */
    private final Provider provider = new BouncyCastleProvider();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public KeyExporter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws ServiceException INVALID_CERTIFICATE if the certificate cannot receive keys
     */
    public KeyEnvelope export(String serial, MeterKeys keys, String recipientPem) {
        X509Certificate recipient;
        try {
            recipient = RecipientCertificate.parse(recipientPem, clock.instant());
        } catch (InvalidRecipientException e) {
            throw new ServiceException(ErrorCode.INVALID_CERTIFICATE, "The recipient certificate is not usable",
                    "recipientCertificate: " + e.getMessage(), serial);
        }
        byte[] ek = keys.encryptionKey();
        byte[] ak = keys.authenticationKey();
        byte[] content = null;
        try {
            content = plaintext(serial, ek, ak);
            byte[] envelope = envelop(content, recipient);
            LOG.info("Keys of meter {} exported for {}", serial, recipient.getSubjectX500Principal().getName());
            return new KeyEnvelope(serial, envelope, fingerprint(ek), fingerprint(ak));
        } catch (GeneralSecurityException | CMSException | IOException e) {
            // The cause may come from deep inside a provider: log its type only, never its message.
            LOG.warn("Key export for meter {} failed: {}", serial, e.getClass().getName());
            throw ServiceException.internal("key-export");
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ak, (byte) 0);
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    private byte[] envelop(byte[] content, X509Certificate recipient)
            throws GeneralSecurityException, CMSException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair ephemeral = generator.generateKeyPair();
        JceKeyAgreeRecipientInfoGenerator recipientInfo = new JceKeyAgreeRecipientInfoGenerator(
                CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .setProvider(provider).setSecureRandom(random);
        recipientInfo.addRecipient(recipient);
        CMSAuthEnvelopedDataGenerator envelope = new CMSAuthEnvelopedDataGenerator();
        envelope.addRecipientInfoGenerator(recipientInfo);
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(provider).setSecureRandom(random).build();
        return envelope.generate(new CMSProcessableByteArray(content), encryptor).toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    /** The JSON document, assembled in one exact-size array so that no String or stray buffer holds a key. */
    private static byte[] plaintext(String serial, byte[] ek, byte[] ak) {
        if (!serial.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("serial must be alphanumeric to be embedded in JSON");
        }
        byte[] ekBase64 = Base64.getEncoder().encode(ek);
        byte[] akBase64 = Base64.getEncoder().encode(ak);
        try {
            byte[][] parts = {("{\"serial\":\"" + serial + "\",\"ek\":\"").getBytes(StandardCharsets.US_ASCII), ekBase64,
                "\",\"ak\":\"".getBytes(StandardCharsets.US_ASCII), akBase64, "\"}".getBytes(StandardCharsets.US_ASCII)};
            byte[] json = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
            int position = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, json, position, part.length);
                position += part.length;
            }
            return json;
        } finally {
            Arrays.fill(ekBase64, (byte) 0);
            Arrays.fill(akBase64, (byte) 0);
        }
    }

    /** {@code SHA-256:} and the first 8 bytes of SHA-256 over the key: identifies it, reveals nothing usable. */
    static String fingerprint(byte[] key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
        return "SHA-256:" + HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
    }
}
