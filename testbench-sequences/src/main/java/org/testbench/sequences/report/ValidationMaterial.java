package org.testbench.sequences.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The validation material of a long-term signature: the certificates of every chain involved, and the CRLs
 * and OCSP answers their issuers publish (fetched from the CRL distribution points and OCSP responders the
 * certificates name). Also answers, from such material, whether and since when a certificate is revoked.
 */
public final class ValidationMaterial {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;
    private final List<byte[]> ocspResponses;

    public ValidationMaterial(List<X509Certificate> certificates, List<X509CRL> crls, List<byte[]> ocspResponses) {
        this.certificates = List.copyOf(new LinkedHashSet<>(certificates));
        this.crls = List.copyOf(crls);
        this.ocspResponses = List.copyOf(ocspResponses);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** DER-encoded OCSPResponse structures. */
    public List<byte[]> ocspResponses() {
        return ocspResponses;
    }

    /** This material and that, together. */
    public ValidationMaterial with(ValidationMaterial other) {
        List<X509Certificate> c = new ArrayList<>(certificates);
        c.addAll(other.certificates);
        List<X509CRL> r = new ArrayList<>(crls);
        r.addAll(other.crls);
        List<byte[]> o = new ArrayList<>(ocspResponses);
        o.addAll(other.ocspResponses);
        return new ValidationMaterial(c, r, o);
    }

    /**
     * Fetches, for every certificate of the chain that is not self-signed, its issuer's CRL and an OCSP answer.
     *
     * @param strict true when signing: a revocation source that cannot be reached is an error
     * @throws ReportException naming the certificate and the URL that failed (when strict)
     */
    public static ValidationMaterial fetch(List<X509Certificate> chain, boolean strict) throws ReportException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
        List<X509CRL> crls = new ArrayList<>();
        List<byte[]> ocsp = new ArrayList<>();
        for (X509Certificate cert : chain) {
            if (cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            Optional<X509Certificate> issuer = chain.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())).findFirst();
            for (URI url : uris(cert, Extension.cRLDistributionPoints)) {
                try {
                    crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                            new ByteArrayInputStream(get(http, HttpRequest.newBuilder(url).GET(), url))));
                } catch (ReportException e) {
                    if (strict) {
                        throw e;
                    }
                } catch (GeneralSecurityException e) {
                    if (strict) {
                        throw new ReportException("CRL " + url + ": not a CRL (" + e.getMessage() + ")");
                    }
                }
            }
            if (issuer.isPresent()) {
                for (URI url : uris(cert, Extension.authorityInfoAccess)) {
                    try {
                        byte[] req = new OCSPReqBuilder().addRequest(certificateId(cert, issuer.get())).build()
                                .getEncoded();
                        byte[] answer = get(http, HttpRequest.newBuilder(url).header("Content-Type",
                                "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(req)), url);
                        if (new OCSPResp(answer).getStatus() == OCSPResp.SUCCESSFUL) {
                            ocsp.add(answer);
                        } else if (strict) {
                            throw new ReportException("OCSP " + url + ": the responder did not answer successfully");
                        }
                    } catch (ReportException e) {
                        if (strict) {
                            throw e;
                        }
                    } catch (IOException | OCSPException e) {
                        if (strict) {
                            throw new ReportException("OCSP " + url + ": no readable answer (" + e.getMessage() + ")");
                        }
                    }
                }
            }
        }
        return new ValidationMaterial(chain, crls, ocsp);
    }

    /**
     * When the certificate was revoked, according to the CRLs and OCSP answers here that its issuer signed;
     * empty when none of them says it is.
     */
    public Optional<Instant> revocationOf(X509Certificate cert, X509Certificate issuer) {
        Instant earliest = null;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            try {
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry != null) {
                earliest = min(earliest, entry.getRevocationDate().toInstant());
            }
        }
        for (byte[] der : ocspResponses) {
            try {
                OCSPResp resp = new OCSPResp(der);
                if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)
                        || !basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                    continue;
                }
                CertificateID id = certificateId(cert, issuer);
                for (SingleResp r : basic.getResponses()) {
                    if (r.getCertID().equals(id) && r.getCertStatus() instanceof RevokedStatus revoked) {
                        earliest = min(earliest, revoked.getRevocationTime().toInstant());
                    }
                }
            } catch (IOException | OCSPException | OperatorCreationException e) {
                // not an answer of this issuer about this certificate
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** True when some CRL or OCSP answer here, signed by the issuer, speaks about the certificate's status. */
    public boolean coversStatusOf(X509Certificate cert, X509Certificate issuer) {
        for (X509CRL crl : crls) {
            try {
                if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    crl.verify(issuer.getPublicKey());
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // another issuer's, or damaged
            }
        }
        for (byte[] der : ocspResponses) {
            try {
                if (new OCSPResp(der).getResponseObject() instanceof BasicOCSPResp basic) {
                    CertificateID id = certificateId(cert, issuer);
                    for (SingleResp r : basic.getResponses()) {
                        if (r.getCertID().equals(id)
                                && basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                            return true;
                        }
                    }
                }
            } catch (IOException | OCSPException | OperatorCreationException e) {
                // not about this certificate
            }
        }
        return false;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    static CertificateID certificateId(X509Certificate cert, X509Certificate issuer) throws ReportException {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        } catch (OCSPException | OperatorCreationException | CertificateException e) {
            throw new ReportException("cannot name " + cert.getSubjectX500Principal().getName() + " for OCSP: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] get(HttpClient http, HttpRequest.Builder request, URI url) throws ReportException {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(FETCH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new ReportException(url + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new ReportException(url + ": unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException(url + ": interrupted");
        }
    }

    /** The http URLs of a certificate's CRL distribution points or OCSP responders. */
    static List<URI> uris(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier extension) {
        byte[] value = cert.getExtensionValue(extension.getId());
        if (value == null) {
            return List.of();
        }
        Set<URI> out = new LinkedHashSet<>();
        try {
            byte[] inner = ASN1OctetString.getInstance(value).getOctets();
            List<GeneralName> names = new ArrayList<>();
            if (extension.equals(Extension.cRLDistributionPoints)) {
                for (DistributionPoint dp : CRLDistPoint.getInstance(inner).getDistributionPoints()) {
                    DistributionPointName n = dp.getDistributionPoint();
                    if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
                        names.addAll(List.of(GeneralNames.getInstance(n.getName()).getNames()));
                    }
                }
            } else {
                for (AccessDescription d : AuthorityInformationAccess.getInstance(inner).getAccessDescriptions()) {
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                        names.add(d.getAccessLocation());
                    }
                }
            }
            for (GeneralName n : names) {
                if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String s = ASN1IA5String.getInstance(n.getName()).getString();
                    if (s.startsWith("http://") || s.startsWith("https://")) {
                        out.add(URI.create(s));
                    }
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    static BigInteger serial(X509Certificate c) {
        return c.getSerialNumber();
    }
}
