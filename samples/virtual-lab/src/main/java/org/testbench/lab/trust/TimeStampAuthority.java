package org.testbench.lab.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamping authority: its own key and a certificate (extended key usage timeStamping, critical)
 * issued by its own root, answering time-stamp requests as its {@link TsaBehaviour} says.
 */
public final class TimeStampAuthority {

    /** The lab TSA's policy: an OID from the UUID arc (ITU-T X.667), owned by nobody else. */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier(
            "2.25.158004125183232345470146658813405532407");
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(5 * 365);
    /** How long a SLOW authority waits before it answers: longer than any client's patience. */
    static final Duration SLOW_DELAY = Duration.ofSeconds(60);

    private final CertificateAuthority root;
    private final X509Certificate certificate;
    private final TimeStampResponseGenerator generator;
    private final TsaBehaviour behaviour;
    private final AtomicLong serial = new AtomicLong();

    private TimeStampAuthority(CertificateAuthority root, X509Certificate certificate,
            TimeStampResponseGenerator generator, TsaBehaviour behaviour) {
        this.root = root;
        this.certificate = certificate;
        this.generator = generator;
        this.behaviour = behaviour;
    }

    /** A TSA whose certificate the root issues now. */
    public static TimeStampAuthority start(CertificateAuthority root, TsaBehaviour behaviour, Instant now) {
        KeyPair keys = root.newSubjectKeys();
        X509Certificate cert = root.issue("Testbench virtual lab TSA unit 1", keys.getPublic(), now,
                CERTIFICATE_VALIDITY, KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
                KeyPurposeId.id_kp_timeStamping);
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build(root.keyKind().signatureAlgorithm,
                            keys.getPrivate(), cert),
                    new JcaDigestCalculatorProviderBuilder().build().get(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                    POLICY);
            tokens.addCertificates(new JcaCertStore(List.of(cert, root.certificate())));
            return new TimeStampAuthority(root, cert,
                    new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED), behaviour);
        } catch (OperatorCreationException | TSPException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the lab's TSA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public CertificateAuthority root() {
        return root;
    }

    public TsaBehaviour behaviour() {
        return behaviour;
    }

    /** The DER answer to a DER time-stamp request; a "bad request" answer when the request cannot be read. */
    public byte[] respond(byte[] request, Instant now) throws InterruptedException {
        try {
            switch (behaviour) {
                case GARBAGE:
                    return "<html>TSA under maintenance</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                case REJECTING:
                    return generator.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.systemFailure,
                            "the lab's TSA refuses to stamp").getEncoded();
                case SLOW:
                    Thread.sleep(SLOW_DELAY.toMillis());
                    break;
                default:
                    break;
            }
            TimeStampRequest req;
            try {
                req = new TimeStampRequest(request);
            } catch (IOException | IllegalArgumentException e) {
                return generator.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badDataFormat,
                        "not a time-stamp request").getEncoded();
            }
            if (behaviour == TsaBehaviour.WRONG_DIGEST) {
                req = another(req);
            }
            return generator.generateGrantedResponse(req, BigInteger.valueOf(serial.incrementAndGet()),
                    Date.from(now)).getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("the lab's TSA cannot answer: " + e.getMessage(), e);
        }
    }

    /** The same request (nonce, policy, certificate request) for the digest of the digest asked. */
    private static TimeStampRequest another(TimeStampRequest req) {
        try {
            TimeStampRequestGenerator g = new TimeStampRequestGenerator();
            g.setCertReq(req.getCertReq());
            if (req.getReqPolicy() != null) {
                g.setReqPolicy(req.getReqPolicy());
            }
            byte[] other = MessageDigest.getInstance("SHA-256").digest(req.getMessageImprintDigest());
            return g.generate(TSPAlgorithms.SHA256, other, req.getNonce());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
