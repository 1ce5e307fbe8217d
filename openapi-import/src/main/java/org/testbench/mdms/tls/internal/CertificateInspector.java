package org.testbench.mdms.tls.internal;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.testbench.mdms.tls.CertificateFacts;
import org.testbench.mdms.tls.TlsAuditException;

/**
 * Reads the facts of a server's certificate chain and checks the two things only a validator can
 * tell: whether it chains to a trusted CA and whether it names the host. Expiry is judged apart from
 * trust (the path is validated at a moment inside the leaf's validity), so that an expired
 * certificate from the right CA is reported as expired, not as untrusted.
 */
public final class CertificateInspector {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Set<TrustAnchor> anchors;
    private final String anchorsDescription;

    public CertificateInspector(Set<TrustAnchor> anchors, String anchorsDescription) {
        this.anchors = Set.copyOf(anchors);
        this.anchorsDescription = anchorsDescription;
    }

    /** The chain as the server sent it (DER, leaf first), checked for {@code host}. */
    public CertificateFacts inspect(List<byte[]> encoded, String host) throws TlsAuditException {
        List<X509Certificate> chain = parse(encoded);
        X509Certificate leaf = chain.get(0);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        List<CertificateFacts.ChainCertificate> links = new ArrayList<>();
        for (X509Certificate c : chain) {
            links.add(new CertificateFacts.ChainCertificate(c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), c.getSigAlgName(), keyAlgorithm(c.getPublicKey()),
                    keyBits(c.getPublicKey())));
        }
        List<String> eku = extendedKeyUsage(leaf);
        Optional<String> trustProblem = trustProblem(chain);
        return new CertificateFacts(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                leaf.getSerialNumber().toString(16), notBefore, notAfter,
                Duration.between(notBefore, notAfter).toDays(), keyAlgorithm(leaf.getPublicKey()),
                keyBits(leaf.getPublicKey()), leaf.getSigAlgName(), subjectAltNames(leaf), eku != null,
                eku == null ? List.of() : eku, isSelfSigned(leaf), host, HostNames.matches(leaf, host),
                trustProblem.isEmpty(), trustProblem, links);
    }

    private static List<X509Certificate> parse(List<byte[]> encoded) throws TlsAuditException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : encoded) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (chain.isEmpty()) {
                throw new TlsAuditException("the server sent an empty certificate chain");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new TlsAuditException("the server's certificate cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Empty when the chain validates to an anchor; else why not. */
    private Optional<String> trustProblem(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        for (TrustAnchor anchor : anchors) {
            if (leaf.equals(anchor.getTrustedCert())) {
                return Optional.empty(); // the certificate itself is trusted (pinned)
            }
        }
        if (anchors.isEmpty()) {
            return Optional.of("no trusted CA to check against (" + anchorsDescription + ")");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // A root the server sends along is not part of the path: the anchor must come from the trust store.
        while (path.size() > 1 && isSelfSigned(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            Instant notBefore = leaf.getNotBefore().toInstant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            parameters.setDate(Date.from(notBefore.plus(Duration.between(notBefore, notAfter).dividedBy(2))));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            String reason = e.getMessage();
            if (isSelfSigned(leaf)) {
                reason = "self-signed certificate, not a trusted CA (" + reason + ")";
            }
            return Optional.of(reason + "; trusted: " + anchorsDescription);
        } catch (GeneralSecurityException e) {
            return Optional.of("cannot validate the chain: " + e.getMessage());
        }
    }

    static boolean isSelfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> subjectAltNames(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = c.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == SAN_DNS) {
                        names.add("DNS:" + entry.get(1));
                    } else if (type == SAN_IP) {
                        names.add("IP:" + normalizeIp(String.valueOf(entry.get(1))));
                    } else {
                        names.add("type" + type + ":" + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("unreadable: " + e.getMessage());
        }
        return names;
    }

    private static String normalizeIp(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    /** Purpose names, or null when the extension is absent. */
    private static List<String> extendedKeyUsage(X509Certificate c) {
        try {
            List<String> oids = c.getExtendedKeyUsage();
            if (oids == null) {
                return null;
            }
            return oids.stream().map(oid -> SERVER_AUTH.equals(oid) ? "serverAuth" : purpose(oid)).toList();
        } catch (CertificateParsingException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    private static String purpose(String oid) {
        switch (oid) {
            case "1.3.6.1.5.5.7.3.2":
                return "clientAuth";
            case "1.3.6.1.5.5.7.3.3":
                return "codeSigning";
            case "1.3.6.1.5.5.7.3.4":
                return "emailProtection";
            case "2.5.29.37.0":
                return "anyExtendedKeyUsage";
            default:
                return oid;
        }
    }

    static String keyAlgorithm(PublicKey key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        return algorithm.equals("ECDSA") ? "EC" : algorithm;
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        String algorithm = key.getAlgorithm();
        if (algorithm.equalsIgnoreCase("Ed25519") || algorithm.equalsIgnoreCase("X25519")) {
            return 255;
        }
        if (algorithm.equalsIgnoreCase("Ed448") || algorithm.equalsIgnoreCase("X448")) {
            return 448;
        }
        return 0;
    }
}
