package org.testbench.lab.mdms.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's own PKI for the MDMS's client certificates, made fresh at every start, as a utility issues its
 * benches' certificates: a CA (EC P-256, {@value #CA_FILE}) and one bench identity it issued
 * ({@value #IDENTITY_FILE}, PKCS#12, EC P-256, key usage digitalSignature + keyAgreement, extended key usage
 * clientAuth — the profile of {@code testbench pki init}'s bench identity, so that it also receives the meters'
 * keys). The identity's password is the caller's (the lab's keystore password); the CA's key is not kept.
 */
public final class ClientPki {

    public static final String CA_FILE = "mdms-client-ca.pem";
    public static final String IDENTITY_FILE = "bench-identity.p12";
    /** The PKCS#12 alias of the identity. */
    public static final String IDENTITY_ALIAS = "bench";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration IDENTITY_VALIDITY = Duration.ofDays(365);
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final X509Certificate ca;
    private final Path caFile;
    private final Path identityFile;

    private ClientPki(X509Certificate ca, Path caFile, Path identityFile) {
        this.ca = ca;
        this.caFile = caFile;
        this.identityFile = identityFile;
    }

    /**
     * A new CA and bench identity, written into the directory.
     *
     * @param password protects the identity's file and key (the caller clears it)
     */
    public static ClientPki create(Path directory, String organisation, char[] password) throws IOException {
        try {
            SecureRandom random = new SecureRandom();
            Instant now = Instant.now();
            KeyPair caKeys = ec(random);
            X500Name caName = new X500Name("CN=" + organisation + " MDMS client CA,O=" + organisation);
            X509v3CertificateBuilder c = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic());
            c.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            c.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(c, caKeys);

            KeyPair benchKeys = ec(random);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(IDENTITY_VALIDITY)),
                    new X500Name("CN=" + organisation + " bench,O=" + organisation), benchKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate bench = sign(b, caKeys);

            Files.createDirectories(directory);
            Path caFile = directory.resolve(CA_FILE);
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(ca);
            }
            Files.writeString(caFile, pem.toString());
            Path identityFile = directory.resolve(IDENTITY_FILE);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(IDENTITY_ALIAS, benchKeys.getPrivate(), password, new X509Certificate[] {bench, ca});
            try (OutputStream out = Files.newOutputStream(identityFile)) {
                store.store(out, password);
            }
            return new ClientPki(ca, caFile, identityFile);
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the lab's MDMS client PKI: " + e.getMessage(), e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The CA certificate (PEM): the MDMS trusts client certificates it issued. */
    public Path caFile() {
        return caFile;
    }

    /** The bench identity it issued (PKCS#12). */
    public Path identityFile() {
        return identityFile;
    }

    private static KeyPair ec(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    @Override
    public String toString() {
        return "ClientPki[" + ca.getSubjectX500Principal().getName() + ", " + identityFile + "]";
    }
}
