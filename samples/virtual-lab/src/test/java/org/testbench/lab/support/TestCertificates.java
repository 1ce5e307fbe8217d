package org.testbench.lab.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed recipient certificates for the key export tests. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A key pair and its certificate. */
    public record Recipient(KeyPair keys, X509Certificate certificate) {

        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** PKCS#8, as openssl reads it. */
        public String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    public static Recipient ec(String curve) throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return selfSigned(generator.generateKeyPair(), "SHA256withECDSA", Instant.now().plus(Duration.ofDays(30)));
    }

    public static Recipient expiredP256() throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return selfSigned(generator.generateKeyPair(), "SHA256withECDSA", Instant.now().minus(Duration.ofDays(1)));
    }

    public static Recipient rsa() throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return selfSigned(generator.generateKeyPair(), "SHA256withRSA", Instant.now().plus(Duration.ofDays(30)));
    }

    private static Recipient selfSigned(KeyPair keys, String signature, Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=testbench recipient");
        Instant notBefore = Instant.now().minus(Duration.ofDays(2));
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new Recipient(keys, certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
