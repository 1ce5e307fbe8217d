package org.testbench.lab.mdms.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.tls.AlertDescription;

/**
 * Which client certificates the MDMS accepts: the mode ({@link MdmsClientAuth}) and the CAs a client's
 * certificate must chain to. A presented chain is checked as a TLS server does (PKIX path to a trusted CA,
 * validity now, key usage digitalSignature and extended key usage clientAuth when the certificate limits them);
 * what is refused is a {@link Refusal} with the TLS alert to send and the reason to log.
 */
public final class ClientTrust {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private final MdmsClientAuth mode;
    private final List<X509Certificate> cas;

    public ClientTrust(MdmsClientAuth mode, List<X509Certificate> cas) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.cas = List.copyOf(cas);
        if (mode.asks() && this.cas.isEmpty()) {
            throw new IllegalArgumentException("client authentication '" + mode.externalName()
                    + "' needs at least one trusted client CA");
        }
    }

    /** A server that never asks for a client certificate. */
    public static ClientTrust none() {
        return new ClientTrust(MdmsClientAuth.NONE, List.of());
    }

    /**
     * The CA certificates of a PEM file (one or more).
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static List<X509Certificate> readPem(Path file) throws IOException {
        List<X509Certificate> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                read.add((X509Certificate) c);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
        if (read.isEmpty()) {
            throw new IOException(file + ": no certificate in the file");
        }
        for (X509Certificate ca : read) {
            if (ca.getBasicConstraints() < 0) {
                throw new IOException(file + ": " + ca.getSubjectX500Principal().getName() + " is not a CA certificate"
                        + " (no basicConstraints CA:true)");
            }
        }
        return read;
    }

    public MdmsClientAuth mode() {
        return mode;
    }

    /** The trusted client CAs, named in the server's CertificateRequest. */
    public List<X509Certificate> cas() {
        return cas;
    }

    /**
     * Checks what a client presented (leaf first; empty when it presented nothing).
     *
     * @param tls13 the handshake is TLS 1.3 (which has its own alert for a missing certificate)
     * @throws Refusal when the server must end the handshake
     */
    public void check(List<X509Certificate> presented, boolean tls13) throws Refusal {
        if (presented.isEmpty()) {
            if (mode == MdmsClientAuth.NEED) {
                throw new Refusal(tls13 ? AlertDescription.certificate_required : AlertDescription.handshake_failure,
                        "the client presented no certificate");
            }
            return;
        }
        X509Certificate leaf = presented.get(0);
        String who = leaf.getSubjectX500Principal().getName() + " (issuer " + leaf.getIssuerX500Principal().getName()
                + ")";
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new Refusal(AlertDescription.certificate_expired, who + " has expired");
        } catch (CertificateNotYetValidException e) {
            throw new Refusal(AlertDescription.bad_certificate, who + " is not valid yet");
        }
        // The trust anchors are not part of a path: a client that sends its CA along must not be refused for it.
        Set<TrustAnchor> anchors = cas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
        List<X509Certificate> path = presented.stream().filter(c -> !cas.contains(c)).toList();
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new Refusal(AlertDescription.unknown_ca, who + " does not chain to a trusted client CA ("
                    + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new Refusal(AlertDescription.bad_certificate, who + " cannot be checked: " + e.getMessage());
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[DIGITAL_SIGNATURE]) {
            throw new Refusal(AlertDescription.unsupported_certificate, who + ": its key usage does not allow"
                    + " digitalSignature");
        }
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                throw new Refusal(AlertDescription.unsupported_certificate, who + ": its extended key usage does not"
                        + " allow clientAuth");
            }
        } catch (CertificateParsingException e) {
            throw new Refusal(AlertDescription.bad_certificate, who + ": its extended key usage cannot be read");
        }
    }

    @Override
    public String toString() {
        return "ClientTrust[" + mode.externalName() + ", " + cas.stream()
                .map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.joining("; ")) + "]";
    }

    /** A client certificate (or its absence) the server refuses: the TLS alert and why. */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final short alert;

        Refusal(short alert, String reason) {
            super(reason);
            this.alert = alert;
        }

        public short alert() {
            return alert;
        }
    }
}
