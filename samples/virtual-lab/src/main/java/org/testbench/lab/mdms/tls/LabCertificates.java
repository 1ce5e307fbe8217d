package org.testbench.lab.mdms.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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
 * The lab's own small PKI for its HTTPS endpoint, made fresh at every start: a CA (RSA-2048, SHA-256)
 * and a server certificate for 127.0.0.1 / localhost, flawed the way the profile asks.
 */
public final class LabCertificates {

    /** The name a client connects with is 127.0.0.1 (the lab listens on loopback only). */
    public static final String HOST_IP = "127.0.0.1";
    public static final String HOST_NAME = "localhost";
    /** The name in the wrong-host certificate: a reserved top-level domain, never a real host. */
    public static final String OTHER_HOST = "mdms.other-utility.invalid";

    /**
     * Where a client would look up revocation. Nothing answers there (the lab has no OCSP responder);
     * the extensions are present because a conformant server certificate names them.
     */
    public static final String CRL_URL = "http://127.0.0.1/virtual-lab/mdms-ca.crl";
    public static final String OCSP_URL = "http://127.0.0.1/virtual-lab/ocsp";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private LabCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA. */
    public static LabCertificates newCa() {
        try {
            KeyPair keys = rsa(2048);
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Virtual Lab MDMS CA,O=Testbench virtual lab");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new LabCertificates(keys, sign(b, keys, "SHA256withRSA"));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the lab's TLS CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Writes the CA certificate as PEM, the file a client is given as its trust anchor. */
    public void writeCa(Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(ca);
        }
        Files.writeString(file, text.toString());
    }

    /** A server certificate and key with the flaw of this kind (or none, for GOOD). */
    public ServerCredentials issue(MdmsTlsProfile.CertificateKind kind) {
        try {
            KeyPair keys = rsa(kind == MdmsTlsProfile.CertificateKind.RSA1024 ? 1024 : 2048);
            Instant now = Instant.now();
            Instant notBefore = now.minus(BACKDATE);
            Instant notAfter = now.plus(SERVER_VALIDITY);
            if (kind == MdmsTlsProfile.CertificateKind.EXPIRED) {
                notBefore = now.minus(Duration.ofDays(400));
                notAfter = now.minus(Duration.ofDays(30));
            }
            boolean profileViolations = kind == MdmsTlsProfile.CertificateKind.PROFILE_VIOLATIONS;
            if (profileViolations) {
                notBefore = now.plus(Duration.ofDays(1));
                notAfter = notBefore.plus(Duration.ofDays(5 * 365));
            }
            boolean wrongHost = kind == MdmsTlsProfile.CertificateKind.WRONG_HOST;
            X500Name subject = new X500Name("CN=" + (wrongHost ? OTHER_HOST : HOST_NAME) + ",O=Testbench virtual lab");
            boolean selfSigned = kind == MdmsTlsProfile.CertificateKind.SELF_SIGNED;
            X500Name issuer = selfSigned ? subject : X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            GeneralNames names = wrongHost
                    ? new GeneralNames(new GeneralName(GeneralName.dNSName, OTHER_HOST))
                    : new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, HOST_NAME),
                        new GeneralName(GeneralName.iPAddress, HOST_IP)});
            if (!profileViolations) {
                b.addExtension(Extension.subjectAlternativeName, false, names);
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    profileViolations ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, CRL_URL))), null, null)}));
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, OCSP_URL))));
            String algorithm = kind == MdmsTlsProfile.CertificateKind.SHA1 ? "SHA1withRSA" : "SHA256withRSA";
            X509Certificate leaf = sign(b, selfSigned ? keys : caKeys, algorithm);
            return new ServerCredentials(selfSigned ? List.of(leaf) : List.of(leaf, ca), keys.getPrivate(), ca);
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the lab's " + kind + " server certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, String algorithm)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    }
}
