package org.testbench.lab.mdms.keys;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks that a recipient certificate can receive keys: a PEM X.509 certificate, valid now, with an
 * EC P-256 public key usable for key agreement (key usage keyAgreement, when the certificate limits its key
 * usage) by a client (extended key usage clientAuth, when it limits its purposes), as a head-end expects
 * of a bench or tool it delivers keys to. Anything else is refused before a key is touched.
 */
final class RecipientCertificate {

    private static final String PEM_HEADER = "-----BEGIN CERTIFICATE-----";
    private static final int KEY_AGREEMENT = 4;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final ECParameterSpec P256 = p256();

    private RecipientCertificate() {
    }

    /**
     * @throws InvalidRecipientException with a message that names what is wrong (never any key material)
     */
    static X509Certificate parse(String pem, Instant now) throws InvalidRecipientException {
        if (pem == null || !pem.strip().startsWith(PEM_HEADER)) {
            throw new InvalidRecipientException("not a PEM certificate (" + PEM_HEADER + " expected)");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidRecipientException("not a valid X.509 certificate");
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidRecipientException("the certificate expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new InvalidRecipientException("the certificate is valid only from "
                    + certificate.getNotBefore().toInstant());
        }
        PublicKey key = certificate.getPublicKey();
        if (!(key instanceof ECPublicKey) || !isP256(((ECPublicKey) key).getParams())) {
            throw new InvalidRecipientException("the public key is " + describe(key) + ", EC P-256 is required");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[KEY_AGREEMENT]) {
            throw new InvalidRecipientException("the key usage does not allow keyAgreement");
        }
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new InvalidRecipientException("the extended key usage cannot be read");
        }
        if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new InvalidRecipientException("the extended key usage does not allow clientAuth (it allows "
                    + String.join(", ", purposes) + ")");
        }
        return certificate;
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(P256.getOrder()) && params.getGenerator().equals(P256.getGenerator())
                && params.getCurve().equals(P256.getCurve()) && params.getCofactor() == P256.getCofactor();
    }

    private static String describe(PublicKey key) {
        if (key instanceof ECPublicKey) {
            return "EC on another curve (" + ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize()
                    + "-bit field)";
        }
        return key.getAlgorithm();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know secp256r1", e);
        }
    }
}
