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
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
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

    /** An EC P-256 certificate that limits its key usage (KeyUsage bits) and, when given, its purposes. */
    public static Recipient p256With(int keyUsage, KeyPurposeId... purposes)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JcaX509v3CertificateBuilder builder = builder(keys, Instant.now().plus(Duration.ofDays(30)));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (purposes.length > 0) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        }
        return new Recipient(keys, new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))));
    }

    private static JcaX509v3CertificateBuilder builder(KeyPair keys, Instant notAfter) {
        X500Name name = new X500Name("CN=testbench recipient");
        Instant notBefore = Instant.now().minus(Duration.ofDays(2));
        return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
    }

    private static Recipient selfSigned(KeyPair keys, String signature, Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException {
        JcaX509v3CertificateBuilder builder = builder(keys, notAfter);
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        return new Recipient(keys, certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
