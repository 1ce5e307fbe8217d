package org.testbench.drivers.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a broker: URL ({@code tcp://host:port}, or {@code ssl://host:port} for TLS;
 * {@code mqtt://} and {@code mqtts://} are read as the same), protocol version, TLS trust (a CA
 * file, PEM) and an optional client certificate (PKCS#12), user name and password. Immutable; the
 * passwords are copied in and out and never shown by {@link #toString()}.
 */
public final class BrokerOptions {

    private final URI url;
    private final MqttVersion version;
    private final Optional<Path> caFile;
    private final Optional<Path> clientCertificate;
    private final char[] clientCertificatePassword;
    private final Optional<String> user;
    private final char[] password;
    private final Duration connectTimeout;
    private final String clientIdPrefix;

    private BrokerOptions(Builder b) {
        this.url = b.url;
        this.version = b.version;
        this.caFile = Optional.ofNullable(b.caFile);
        this.clientCertificate = Optional.ofNullable(b.clientCertificate);
        this.clientCertificatePassword = b.clientCertificatePassword.clone();
        this.user = Optional.ofNullable(b.user);
        this.password = b.password.clone();
        this.connectTimeout = b.connectTimeout;
        this.clientIdPrefix = b.clientIdPrefix;
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL as Paho wants it: {@code tcp://} or {@code ssl://}. */
    public String url() {
        return url.toString();
    }

    public boolean tls() {
        return "ssl".equals(url.getScheme());
    }

    public MqttVersion version() {
        return version;
    }

    public Optional<Path> caFile() {
        return caFile;
    }

    public Optional<Path> clientCertificate() {
        return clientCertificate;
    }

    /** A copy; overwrite it when done. */
    public char[] clientCertificatePassword() {
        return clientCertificatePassword.clone();
    }

    public Optional<String> user() {
        return user;
    }

    /** A copy; overwrite it when done. Empty when none was given. */
    public char[] password() {
        return password.clone();
    }

    /** How long the bench waits for the broker: to connect, and for each acknowledgement (SUBACK, PUBACK). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    public String clientIdPrefix() {
        return clientIdPrefix;
    }

    /** The same options with another protocol version. */
    public BrokerOptions withVersion(MqttVersion other) {
        Builder b = toBuilder();
        b.version = Objects.requireNonNull(other, "version");
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(url.toString());
        b.version = version;
        b.caFile = caFile.orElse(null);
        b.clientCertificate = clientCertificate.orElse(null);
        b.clientCertificatePassword = clientCertificatePassword.clone();
        b.user = user.orElse(null);
        b.password = password.clone();
        b.connectTimeout = connectTimeout;
        b.clientIdPrefix = clientIdPrefix;
        return b;
    }

    @Override
    public String toString() {
        return "BrokerOptions[" + url + ", MQTT " + version + caFile.map(ca -> ", ca=" + ca).orElse("")
                + clientCertificate.map(c -> ", clientCertificate=" + c).orElse("")
                + user.map(u -> ", user=" + u).orElse("") + (password.length > 0 ? ", password=<redacted>" : "") + "]";
    }

    /** Defaults: MQTT 5, 5 s connect timeout, no TLS trust beyond the JDK's, anonymous. */
    public static final class Builder {
        private final URI url;
        private MqttVersion version = MqttVersion.V5;
        private Path caFile;
        private Path clientCertificate;
        private char[] clientCertificatePassword = new char[0];
        private String user;
        private char[] password = new char[0];
        private Duration connectTimeout = Duration.ofSeconds(5);
        private String clientIdPrefix = "testbench";

        private Builder(String url) {
            this.url = parse(url);
        }

        private static URI parse(String text) {
            Objects.requireNonNull(text, "url");
            URI uri;
            try {
                uri = URI.create(text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("broker URL '" + text + "' is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            String paho;
            switch (scheme) {
                case "tcp", "mqtt" -> paho = "tcp";
                case "ssl", "mqtts", "tls" -> paho = "ssl";
                default -> throw new IllegalArgumentException("broker URL '" + text
                        + "' must start with tcp:// (or mqtt://) or ssl:// (or mqtts://)");
            }
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535) {
                throw new IllegalArgumentException("broker URL '" + text + "' needs a host and a port 1..65535");
            }
            return URI.create(paho + "://" + uri.getHost() + ":" + uri.getPort());
        }

        public Builder version(MqttVersion v) {
            this.version = Objects.requireNonNull(v, "version");
            return this;
        }

        /** The CA (PEM) the broker's certificate must chain to. */
        public Builder caFile(Path file) {
            this.caFile = Objects.requireNonNull(file, "caFile");
            return this;
        }

        /** A client certificate and its key in a PKCS#12 file, for brokers that require one. */
        public Builder clientCertificate(Path pkcs12, char[] filePassword) {
            this.clientCertificate = Objects.requireNonNull(pkcs12, "clientCertificate");
            this.clientCertificatePassword = Objects.requireNonNull(filePassword, "filePassword").clone();
            return this;
        }

        public Builder user(String name) {
            this.user = Objects.requireNonNull(name, "user");
            return this;
        }

        /** The user's password (copied). */
        public Builder password(char[] secret) {
            Arrays.fill(password, '\0');
            this.password = Objects.requireNonNull(secret, "password").clone();
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Client ids are this prefix and a random suffix: two benches never take each other's session. */
        public Builder clientIdPrefix(String prefix) {
            this.clientIdPrefix = Objects.requireNonNull(prefix, "clientIdPrefix");
            return this;
        }

        public BrokerOptions build() {
            return new BrokerOptions(this);
        }
    }
}
