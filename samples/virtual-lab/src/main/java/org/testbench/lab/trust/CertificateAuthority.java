package org.testbench.lab.trust;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A root CA of the lab: issues certificates that name where their revocation is published (a CRL distribution
 * point and an OCSP responder under {@code base}), keeps what it revoked, and signs CRLs and OCSP answers with
 * its own key (the CA is its own responder, as small CAs are).
 */
public final class CertificateAuthority {

    /** The algorithm family of a CA's and its subjects' keys: real authorities use both. */
    public enum KeyKind {
        EC_P256("SHA256withECDSA"), RSA_2048("SHA256withRSA");

        final String signatureAlgorithm;

        KeyKind(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
        }

        KeyPair generate(SecureRandom random) throws GeneralSecurityException {
            if (this == EC_P256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), random);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            return g.generateKeyPair();
        }
    }

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a published CRL stays current. */
    static final Duration CRL_VALIDITY = Duration.ofDays(1);
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final String name;
    private final KeyKind kind;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final URI base;
    private final SecureRandom random;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicLong crlNumber = new AtomicLong();

    private CertificateAuthority(String name, KeyKind kind, KeyPair keys, X509Certificate certificate, URI base,
            SecureRandom random) {
        this.name = name;
        this.kind = kind;
        this.keys = keys;
        this.certificate = certificate;
        this.base = base;
        this.random = random;
    }

    /**
     * A new self-signed root.
     *
     * @param name the path segment under which the trust server publishes it, e.g. "qa"
     * @param base where its CRL ({@code base/crl}) and OCSP responder ({@code base/ocsp}) are served
     */
    public static CertificateAuthority create(String name, String commonName, KeyKind kind, URI base, Instant now) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair keys = kind.generate(random);
            X500Name subject = new X500Name("CN=" + commonName + ",O=Testbench virtual lab");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(signer(kind, keys)));
            return new CertificateAuthority(name, kind, keys, cert, base, random);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the lab's " + commonName + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public KeyKind keyKind() {
        return kind;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public URI crlUrl() {
        return URI.create(base + "/crl");
    }

    public URI ocspUrl() {
        return URI.create(base + "/ocsp");
    }

    /**
     * Issues an end-entity certificate that names this CA's CRL and OCSP responder.
     *
     * @param keyUsage a combination of {@link KeyUsage} bits
     * @param purpose an extended key usage, marked critical (as RFC 3161 requires for time stamping), or null
     */
    public X509Certificate issue(String commonName, PublicKey subjectKey, Instant notBefore, Duration validity,
            int keyUsage, KeyPurposeId purpose) {
        try {
            X500Name subject = new X500Name("CN=" + commonName + ",O=Testbench virtual lab");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(random),
                    Date.from(notBefore.minus(BACKDATE)), Date.from(notBefore.plus(validity)), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl().toString()))), null, null)}));
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl().toString()))));
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(kind, keys)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + commonName + ": " + e.getMessage(), e);
        }
    }

    /** Revokes a certificate this CA issued, from this time on (later CRLs and OCSP answers say so). */
    public void revoke(BigInteger serial, Instant at) {
        revoked.putIfAbsent(serial, at);
    }

    public Optional<Instant> revokedAt(BigInteger serial) {
        return Optional.ofNullable(revoked.get(serial));
    }

    /** A CRL (DER) of every revocation so far, current for {@link #CRL_VALIDITY}. */
    public byte[] crl(Instant now) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(certificate).getSubject(),
                    Date.from(now));
            b.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
            revoked.forEach((serial, at) -> b.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber.incrementAndGet())));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return b.build(signer(kind, keys)).getEncoded();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CRL of " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The OCSP answer (DER) to a request: good, revoked (with its time) or unknown for each certificate asked
     * about; a "malformed request" answer when the request cannot be read.
     */
    public byte[] ocsp(byte[] request, Instant now) {
        try {
            OCSPReq req;
            try {
                req = new OCSPReq(request);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuer = new JcaX509CertificateHolder(certificate);
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
            for (Req r : req.getRequestList()) {
                CertificateID id = r.getCertID();
                CertificateStatus status;
                if (!id.matchesIssuer(issuer, digests)) {
                    status = new UnknownStatus();
                } else {
                    Instant at = revoked.get(id.getSerialNumber());
                    status = at == null ? CertificateStatus.GOOD
                            : new RevokedStatus(Date.from(at), CRLReason.keyCompromise);
                }
                b.addResponse(id, status, Date.from(now), Date.from(now.plus(CRL_VALIDITY)), null);
            }
            var nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
            }
            var basic = b.build(signer(kind, keys), new X509CertificateHolder[] {issuer}, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot answer OCSP for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate as PEM: the trust anchor a verifier is given. */
    public String pem() {
        try {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(certificate);
            }
            return text.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair newSubjectKeys() {
        try {
            return kind.generate(random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key pair: " + e.getMessage(), e);
        }
    }

    private static ContentSigner signer(KeyKind kind, KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder(kind.signatureAlgorithm).build(keys.getPrivate());
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + name + ", " + certificate.getSubjectX500Principal().getName() + "]";
    }
}
