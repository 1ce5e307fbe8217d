package org.testbench.mdms.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;

/**
 * Makes key envelopes the way the MDMS does (samples/openapi/mdms-v1.yaml, exportMeterKeys): CMS
 * AuthEnvelopedData, ephemeral-static ECDH P-256 with the SHA-256 KDF, AES-256 key wrap, AES-256-GCM.
 */
public final class KeyEnvelopes {

    private static final Provider BC = new BouncyCastleProvider();

    private KeyEnvelopes() {
    }

    /** The DER envelope of {@code {"serial","ek","ak"}} for the holder of {@code recipient}'s key. */
    public static byte[] envelope(String serial, byte[] ek, byte[] ak, X509Certificate recipient) throws Exception {
        String json = "{\"serial\":\"" + serial + "\",\"ek\":\"" + Base64.getEncoder().encodeToString(ek)
                + "\",\"ak\":\"" + Base64.getEncoder().encodeToString(ak) + "\"}";
        return envelope(json.getBytes(StandardCharsets.UTF_8), recipient);
    }

    public static byte[] envelope(byte[] content, X509Certificate recipient) throws Exception {
        KeyPair ephemeral = TestPki.ecKeys();
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(recipient).setProvider(BC));
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(BC).build();
        return generator.generate(new CMSProcessableByteArray(content), encryptor).getEncoded();
    }
}
