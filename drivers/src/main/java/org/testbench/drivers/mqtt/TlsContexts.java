package org.testbench.drivers.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/** The socket factory for a TLS broker: trust from the CA file, our certificate from a PKCS#12 file. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLSocketFactory socketFactory(BrokerOptions options) throws DeviceException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (options.caFile().isPresent()) {
                tmf.init(trustStore(options));
            } else {
                tmf.init((KeyStore) null);
            }
            KeyManagerFactory kmf = null;
            if (options.clientCertificate().isPresent()) {
                char[] password = options.clientCertificatePassword();
                try (InputStream in = Files.newInputStream(options.clientCertificate().get())) {
                    KeyStore keys = KeyStore.getInstance("PKCS12");
                    keys.load(in, password);
                    kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(keys, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new DeviceException(Fault.KEYS, options.url(), "cannot read the TLS files: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new DeviceException(Fault.KEYS, options.url(), "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(BrokerOptions options) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(options.caFile().get())) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException(options.caFile().get() + " holds no certificate");
            }
        }
        return trust;
    }
}
