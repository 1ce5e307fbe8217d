package org.testbench.mdms.testing;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority made with Bouncy Castle for the tests: a CA, server certificates for
 * localhost and client certificates, all EC P-256 with SHA-256 signatures, as NIST SP 800-52r2 asks.
 */
public final class TestPki {

    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    /** A key and its certificate, issued by this CA. */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

        /** A PKCS#12 file with the key and the chain (certificate, CA). */
        public Path writePkcs12(Path file, char[] password) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, password, new X509Certificate[] {certificate, ca});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        }
    }

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    public static TestPki create(String name) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name + ",O=Testbench tests");
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(keys.getPrivate())));
        return new TestPki(keys, cert);
    }

    public static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    public X509Certificate ca() {
        return ca;
    }

    /** A server certificate for localhost and 127.0.0.1. */
    public Issued server() throws Exception {
        return issue("localhost", KeyPurposeId.id_kp_serverAuth, true);
    }

    public Issued client(String name) throws Exception {
        return issue(name, KeyPurposeId.id_kp_clientAuth, false);
    }

    /** A signer's certificate: key usage digitalSignature + nonRepudiation, no extended key usage. */
    public Issued signer(String name) throws Exception {
        return issue(name, null, false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    private Issued issue(String cn, KeyPurposeId purpose, boolean names) throws Exception {
        return issue(cn, purpose, names, KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    }

    private Issued issue(String cn, KeyPurposeId purpose, boolean names, int keyUsage) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        var builder = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(90))),
                new X500Name("CN=" + cn + ",O=Testbench tests"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        if (purpose != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (names) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(caKeys.getPrivate())));
        return new Issued(keys.getPrivate(), cert, ca);
    }

    public Path writeCaPem(Path file) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, pem);
        return file;
    }

    /** A server-side SSL context presenting {@code server}; trusts client certificates from {@code clientCas}. */
    public static SSLContext serverContext(Issued server, X509Certificate... clientCas) throws Exception {
        char[] pw = "server".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.key(), pw, new X509Certificate[] {server.certificate(), server.ca()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pw);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> cas = new ArrayList<>(List.of(clientCas));
        for (int i = 0; i < cas.size(); i++) {
            trust.setCertificateEntry("client-ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
