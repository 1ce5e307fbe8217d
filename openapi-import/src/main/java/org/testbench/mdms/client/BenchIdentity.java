package org.testbench.mdms.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bench's own key and certificate, from a PKCS#12 file: the client certificate for mutual TLS
 * and the recipient of the keys the MDMS exports. The private key is never printed.
 */
public final class BenchIdentity {

    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    public BenchIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs its certificate");
        }
        this.chain = List.copyOf(chain);
    }

    /**
     * Reads the first private-key entry of a PKCS#12 file.
     *
     * @throws IOException naming the file and what is wrong (unreadable, wrong password, no key entry)
     */
    public static BenchIdentity load(Path pkcs12, char[] password) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (GeneralSecurityException e) {
            throw new IOException(pkcs12 + ": not a readable PKCS#12 file: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IOException(pkcs12 + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(pkcs12 + ": not readable (permission denied)", e);
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException ? "wrong password" : e.getMessage();
            throw new IOException(pkcs12 + ": cannot open the PKCS#12 file: " + why, e);
        }
        try {
            List<String> aliases = Collections.list(store.aliases());
            for (String alias : aliases) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new BenchIdentity(key, chain);
                }
            }
            throw new IOException(pkcs12 + ": no private key entry (entries: " + String.join(", ", aliases) + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException(pkcs12 + ": cannot read the private key: " + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * Why an MDMS would refuse to wrap keys for this certificate, if it would: keys are wrapped by key agreement
     * for an EC key and by key transport for an RSA key, so a certificate that limits its key usage must allow
     * keyAgreement or keyEncipherment, and one that limits its purposes must allow clientAuth — a QA signer's
     * certificate (digitalSignature + nonRepudiation) allows neither.
     */
    public Optional<String> keyDeliveryProblem() {
        X509Certificate c = certificate();
        boolean[] usage = c.getKeyUsage();
        boolean ec = c.getPublicKey().getAlgorithm().equals("EC");
        if (usage != null && !(ec ? usage[KEY_AGREEMENT] : usage[KEY_ENCIPHERMENT])) {
            return Optional.of("its key usage does not allow " + (ec ? "keyAgreement" : "keyEncipherment"));
        }
        try {
            List<String> purposes = c.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                return Optional.of("its extended key usage does not allow clientAuth");
            }
        } catch (CertificateParsingException e) {
            return Optional.of("its extended key usage cannot be read");
        }
        return Optional.empty();
    }

    /** The certificate in PEM, as the MDMS's key export expects it. */
    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the bench certificate cannot be encoded", e);
        }
    }

    /** SHA-256 of the certificate, hex: names the identity in logs and messages. */
    public String certificateFingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the bench certificate cannot be hashed", e);
        }
    }

    @Override
    public String toString() {
        return "BenchIdentity[" + certificate().getSubjectX500Principal().getName() + ", cert sha256:"
                + certificateFingerprint().substring(0, 16) + "]";
    }
}
