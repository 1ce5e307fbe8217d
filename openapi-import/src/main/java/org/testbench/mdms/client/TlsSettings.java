package org.testbench.mdms.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.testbench.mdms.client.internal.NistCertificateCheck;

/**
 * Whom the client trusts and who it is: the CA that issued the MDMS's certificate (a utility runs its
 * own), and the bench's identity for mutual TLS. Versions and suites are fixed by {@link NistTls}.
 */
public final class TlsSettings {

    private static final char[] IN_MEMORY = new char[0];

    private final List<X509Certificate> trustedCas;
    private final BenchIdentity clientIdentity;

    private TlsSettings(List<X509Certificate> trustedCas, BenchIdentity clientIdentity) {
        this.trustedCas = List.copyOf(trustedCas);
        this.clientIdentity = clientIdentity;
    }

    /** The JDK's trusted CAs, no client certificate. */
    public static TlsSettings systemTrust() {
        return new TlsSettings(List.of(), null);
    }

    /** Trusts only the CA certificates in a PEM file (one or more). */
    public static TlsSettings trustingCa(Path caPem) throws IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            List<X509Certificate> cas = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) c);
            }
            if (cas.isEmpty()) {
                throw new IOException(caPem + ": no certificate in the file");
            }
            return new TlsSettings(cas, null);
        } catch (GeneralSecurityException e) {
            throw new IOException(caPem + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    public static TlsSettings trusting(List<X509Certificate> cas) {
        return new TlsSettings(cas, null);
    }

    /** Presents this identity when the MDMS asks for a client certificate. */
    public TlsSettings withClientIdentity(BenchIdentity identity) {
        return new TlsSettings(trustedCas, identity);
    }

    public Optional<BenchIdentity> clientIdentity() {
        return Optional.ofNullable(clientIdentity);
    }

    public List<X509Certificate> trustedCas() {
        return trustedCas;
    }

    /**
     * The trust manager: the given CAs only, or the JDK's, plus the key-size and signature checks the
     * JDK skips for a private CA (RSA-1024 and SHA-1 are refused).
     */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustedCas.isEmpty()) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < trustedCas.size(); i++) {
                    store.setCertificateEntry("ca-" + i, trustedCas.get(i));
                }
                factory.init(store);
            }
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return new NistCertificateCheck(x509);
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** An SSL context with the trust manager and, if set, the client identity. */
    public SSLContext sslContext() {
        try {
            KeyManager[] keyManagers = null;
            if (clientIdentity != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("bench", clientIdentity.privateKey(), IN_MEMORY,
                        clientIdentity.chain().toArray(new X509Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, IN_MEMORY);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[" + (trustedCas.isEmpty() ? "system trust" : trustedCas.size() + " CA(s)")
                + (clientIdentity == null ? "" : ", client " + clientIdentity) + "]";
    }
}
