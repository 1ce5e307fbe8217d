package org.testbench.lab.events;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.io.OutputStream;
import java.security.KeyStore;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA and a server certificate for a broker on loopback (SAN 127.0.0.1 and localhost),
 * EC P-256, SHA-256, valid one day: written as PEM files the way Mosquitto reads them.
 *
 * @param caFile the CA certificate, for clients to trust
 * @param certificateFile the server certificate
 * @param keyFile the server's private key (PKCS#8 PEM, owner-only)
 * @param clientIdentity a client certificate and key signed by the same CA (PKCS#12), when one was asked for
 */
public record BrokerCertificates(Path caFile, Path certificateFile, Path keyFile, Optional<Path> clientIdentity) {

    /** Creates the three files in {@code directory}. */
    public static BrokerCertificates create(Path directory) throws IOException {
        return create(directory, null);
    }

    /**
     * Creates the three files and {@code client.p12}: a client certificate (CN=testbench-bench, EKU
     * clientAuth) from the same CA, with its key, protected by {@code clientPassword}.
     */
    public static BrokerCertificates createWithClient(Path directory, char[] clientPassword) throws IOException {
        return create(directory, java.util.Objects.requireNonNull(clientPassword, "clientPassword"));
    }

    private static BrokerCertificates create(Path directory, char[] clientPassword) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=Testbench lab broker CA");
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), caName,
                    caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys);
            JcaX509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name("CN=localhost"), serverKeys.getPublic());
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate serverCert = sign(server, caKeys);
            Files.createDirectories(directory);
            Path caFile = directory.resolve("ca.crt");
            Path certFile = directory.resolve("server.crt");
            Path keyFile = directory.resolve("server.key");
            Files.writeString(caFile, pem("CERTIFICATE", caCert.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(certFile, pem("CERTIFICATE", serverCert.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII);
            keyFile.toFile().setReadable(false, false);
            keyFile.toFile().setReadable(true, true);
            Optional<Path> client = Optional.empty();
            if (clientPassword != null) {
                KeyPair clientKeys = generator.generateKeyPair();
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(3),
                        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                        new X500Name("CN=testbench-bench"), clientKeys.getPublic());
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                X509Certificate clientCert = sign(builder, caKeys);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", clientKeys.getPrivate(), clientPassword,
                        new java.security.cert.Certificate[] {clientCert, caCert});
                Path p12 = directory.resolve("client.p12");
                try (OutputStream out = Files.newOutputStream(p12)) {
                    store.store(out, clientPassword);
                }
                client = Optional.of(p12);
            }
            return new BrokerCertificates(caFile, certFile, keyFile, client);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the broker's certificates: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
