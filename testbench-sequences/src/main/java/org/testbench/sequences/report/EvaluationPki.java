package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An evaluation PKI: a CA ({@code ca.pem}) and two identities issued by it, all ECDSA P-256 — the QA signer of
 * reports ({@code qa-signer.p12}, key usage digitalSignature + nonRepudiation) and the bench's identity
 * ({@code bench-identity.p12}, key usage digitalSignature + keyAgreement, extended key usage clientAuth), which
 * receives the meters' keys from an MDMS (CMS with ECDH key agreement) and is the client certificate of mutual
 * TLS. Signing and receiving keys are separate identities because an MDMS refuses to wrap keys for a certificate
 * whose key usage does not allow key agreement, and a signing key should sign only. The CA's private key is not
 * kept: an evaluation CA issues these two; a lab that works for real uses its own PKI.
 */
public final class EvaluationPki {

    public static final String CA_FILE = "ca.pem";
    public static final String SIGNER_FILE = "qa-signer.p12";
    public static final String BENCH_FILE = "bench-identity.p12";
    /** The PKCS#12 alias of the signer. */
    public static final String ALIAS = "qa-signer";
    /** The PKCS#12 alias of the bench's identity. */
    public static final String BENCH_ALIAS = "bench";

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration SIGNER_VALIDITY = Duration.ofDays(730);
    static final Duration BENCH_VALIDITY = Duration.ofDays(730);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The files written and the new certificates. */
    public record Created(Path caFile, Path signerFile, Path benchFile, X509Certificate ca, X509Certificate signer,
                          X509Certificate bench) {
    }

    private EvaluationPki() {
    }

    /**
     * Creates DIR (if needed), DIR/ca.pem, and DIR/qa-signer.p12 and DIR/bench-identity.p12, both protected by the
     * password (readable by the owner only). Refuses to overwrite any of them.
     *
     * @param label names the CA and signer, e.g. "Testbench evaluation" or "Testbench DEMO"
     */
    public static Created init(Path dir, char[] password, String label, Instant now) throws IOException {
        if (password.length == 0) {
            throw new ReportException("the signing identity needs a password that is not empty");
        }
        Path ca = dir.resolve(CA_FILE);
        Path signer = dir.resolve(SIGNER_FILE);
        Path bench = dir.resolve(BENCH_FILE);
        for (Path p : new Path[] {ca, signer, bench}) {
            if (Files.exists(p)) {
                throw new ReportException(p + " already exists: not overwritten (choose another directory)");
            }
        }
        Files.createDirectories(dir);
        try {
            KeyPair caKeys = ecKeyPair();
            X509Certificate caCert = certificate(new X500Name("CN=" + label + " CA, O=Testbench, OU=evaluation only"),
                    caKeys, null, caKeys, now, CA_VALIDITY, true, KeyUsage.keyCertSign | KeyUsage.cRLSign);
            KeyPair signerKeys = ecKeyPair();
            X509Certificate signerCert = certificate(
                    new X500Name("CN=" + label + " QA signer, O=Testbench, OU=evaluation only"), signerKeys, caCert,
                    caKeys, now, SIGNER_VALIDITY, false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
            KeyPair benchKeys = ecKeyPair();
            X509Certificate benchCert = certificate(
                    new X500Name("CN=" + label + " bench, O=Testbench, OU=evaluation only"), benchKeys, caCert, caKeys,
                    now, BENCH_VALIDITY, false, KeyUsage.digitalSignature | KeyUsage.keyAgreement,
                    KeyPurposeId.id_kp_clientAuth);
            Map<Path, byte[]> files = new LinkedHashMap<>();
            files.put(ca, pem(caCert));
            files.put(signer, pkcs12(ALIAS, signerKeys, new X509Certificate[] {signerCert, caCert}, password));
            files.put(bench, pkcs12(BENCH_ALIAS, benchKeys, new X509Certificate[] {benchCert, caCert}, password));
            AtomicFiles.write(files);
            restrict(signer);
            restrict(bench);
            return new Created(ca, signer, bench, caCert, signerCert, benchCert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new ReportException("cannot create the evaluation PKI in " + dir + ": " + e.getMessage(), e);
        }
    }

    static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    /**
     * A certificate for the subject's key, signed by the issuer (self-signed when issuerCert is null).
     *
     * @param keyUsage a combination of {@link KeyUsage} bits
     * @param extendedKeyUsage the purposes of an end entity (none: no extension)
     */
    static X509Certificate certificate(X500Name subject, KeyPair subjectKeys, X509Certificate issuerCert,
            KeyPair issuerKeys, Instant notBefore, Duration validity, boolean ca, int keyUsage,
            KeyPurposeId... extendedKeyUsage)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name issuer = issuerCert == null ? subject
                : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        Instant from = notBefore.minus(Duration.ofMinutes(5));
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(from), Date.from(notBefore.plus(validity)), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (extendedKeyUsage.length > 0) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
        }
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                ? ext.createAuthorityKeyIdentifier(subjectKeys.getPublic()) : ext.createAuthorityKeyIdentifier(issuerCert));
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    static byte[] pem(X509Certificate cert) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(cert);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pkcs12(String alias, KeyPair keys, X509Certificate[] chain, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, keys.getPrivate(), password, chain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
