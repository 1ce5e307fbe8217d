package org.testbench.lab.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Where the lab's gateway and MDMS reach a broker: {@code tcp://host:port} or, with TLS,
 * {@code ssl://host:port} verified against a CA file (PEM); optionally a user name and password.
 *
 * <p>The password is a secret: copied in, copied out, never shown by {@link #toString()}.
 */
public final class BrokerEndpoint {

    private final String url;
    private final Optional<Path> caFile;
    private final Optional<String> user;
    private final char[] password;

    private BrokerEndpoint(String url, Optional<Path> caFile, Optional<String> user, char[] password) {
        this.url = url;
        this.caFile = caFile;
        this.user = user;
        this.password = password;
    }

    /**
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param caFile the CA (PEM) a TLS broker's certificate must chain to; empty: the JDK's trust store
     * @param user user name, empty for an anonymous connection
     * @param password the user's password (copied); empty array for none
     */
    public static BrokerEndpoint of(String url, Optional<Path> caFile, Optional<String> user, char[] password) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new IllegalArgumentException("broker URL '" + url + "' must be tcp://host:port or ssl://host:port");
        }
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("broker URL '" + url + "' needs a host and a port");
        }
        return new BrokerEndpoint(url, Objects.requireNonNull(caFile, "caFile"), Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password").clone());
    }

    /** Plain TCP, no credentials: the embedded broker. */
    public static BrokerEndpoint plain(String host, int port) {
        return of("tcp://" + host + ":" + port, Optional.empty(), Optional.empty(), new char[0]);
    }

    public String url() {
        return url;
    }

    public Optional<Path> caFile() {
        return caFile;
    }

    public Optional<String> user() {
        return user;
    }

    /** Paho 3.1.1 options: clean session, automatic reconnect, TLS and credentials as configured. */
    public MqttConnectOptions connectOptions() throws IOException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(5);
        // A burst of all positions at once must not be refused by the client's own in-flight window.
        options.setMaxInflight(1000);
        user.ifPresent(options::setUserName);
        if (password.length > 0) {
            options.setPassword(password.clone());
        }
        if (url.startsWith("ssl:") && caFile.isPresent()) {
            options.setSocketFactory(trusting(caFile.get()).getSocketFactory());
        }
        return options;
    }

    private static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("broker CA file " + caFile + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("broker CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** Overwrites the password in memory. */
    public void destroy() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "BrokerEndpoint[" + url + caFile.map(ca -> ", ca=" + ca).orElse("") + user.map(u -> ", user=" + u)
                .orElse("") + (password.length > 0 ? ", password=<redacted>" : "") + "]";
    }
}
