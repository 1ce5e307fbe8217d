package org.testbench.sequences.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.mdms.client.auth.AuthSettings;

/**
 * Everything a run needs to reach the hardware: the bench, each position's optical head and AMI port,
 * the MDMS, and the meters' keystore. Read from a lab's {@code bench.yaml} or from the endpoints file
 * of the virtual lab — the same model either way.
 *
 * @param station the name the bench's runs are recorded under ({@code station:}); empty for this host's name
 */
public record BenchConfiguration(Optional<BenchPort> bench, List<PositionConfig> positions, Optional<MdmsConfig> mdms,
                                 Optional<Path> keystore, String source, Optional<BrokerConfig> broker,
                                 Optional<String> station) {

    /** Recorded under this host's name. */
    public BenchConfiguration(Optional<BenchPort> bench, List<PositionConfig> positions, Optional<MdmsConfig> mdms,
                              Optional<Path> keystore, String source, Optional<BrokerConfig> broker) {
        this(bench, positions, mdms, keystore, source, broker, Optional.empty());
    }

    public BenchConfiguration {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(bench, "bench");
        positions = List.copyOf(positions);
        Objects.requireNonNull(mdms, "mdms");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(station, "station");
    }

    /**
     * The same configuration with another MDMS (an option or a setting overrides part of it): everything else,
     * the event broker included, stays as read. Overrides go through here, so none silently drops a part.
     */
    public BenchConfiguration withMdms(Optional<MdmsConfig> other) {
        return new BenchConfiguration(bench, positions, other, keystore, source, broker, station);
    }

    /** The same configuration with another meter keystore; everything else stays as read. */
    public BenchConfiguration withKeystore(Optional<Path> other) {
        return new BenchConfiguration(bench, positions, mdms, other, source, broker, station);
    }

    /** The bench's SCPI port and how long to wait for each reply. */
    public record BenchPort(PortAddress port, Duration timeout) {
    }

    /**
     * One position: its meter's nameplate serial when known, its optical head, its AMI port when there is one,
     * and its meter's type (the profile named in the configuration; the virtual lab's meter by default).
     */
    public record PositionConfig(int position, Optional<String> serial, PortAddress optical, Optional<PortAddress> ami,
                                 MeterProfile profile) {

        public PositionConfig(int position, Optional<String> serial, PortAddress optical, Optional<PortAddress> ami) {
            this(position, serial, optical, ami, MeterProfile.TESTBENCH_VIRTUAL);
        }

        public PositionConfig {
            Objects.requireNonNull(profile, "profile");
        }
    }

    /**
     * The MDMS: base URL, the OpenAPI file and the binding it is driven through, and where its credentials
     * come from — the authentication settings (scheme, the variable of its secret, user, client id, …; never a
     * secret), the TLS client identity from a PKCS#12 file whose password is in {@code TESTBENCH_TLS_PASSWORD}.
     * {@link org.testbench.sequences.mdms.MdmsConnection} builds the connection from it.
     */
    public record MdmsConfig(URI url, Path spec, Path binding, AuthSettings auth, Optional<Path> ca,
                             Optional<Path> identity, Latency latency) {

        public MdmsConfig {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(latency, "latency");
        }

        /** A bearer token from {@code tokenVariable}, as configurations before the authentication schemes say. */
        public MdmsConfig(URI url, Path spec, Path binding, String tokenVariable, Optional<Path> ca,
                          Optional<Path> identity, Latency latency) {
            this(url, spec, binding, AuthSettings.bearer(tokenVariable), ca, identity, latency);
        }

        /** The same MDMS with the bench's identity replaced (a command-line option overrides bench.yaml). */
        public MdmsConfig withIdentity(Optional<Path> newIdentity) {
            return new MdmsConfig(url, spec, binding, auth, ca, newIdentity, latency);
        }

        /** The same MDMS with other authentication settings. */
        public MdmsConfig withAuth(AuthSettings newAuth) {
            return new MdmsConfig(url, spec, binding, newAuth, ca, identity, latency);
        }
    }

    /**
     * The broker the meters' events go through: URL ({@code tcp://} or {@code ssl://}), the CA its
     * certificate chains to, the user and the environment variable holding the password
     * ({@code TESTBENCH_BROKER_PASSWORD} by default), the MQTT version the bench speaks
     * ({@code 3.1.1}, the default, or {@code 5}) and an optional client certificate (PKCS#12, password in
     * {@code TESTBENCH_BROKER_CERT_PASSWORD}).
     */
    public record BrokerConfig(String url, Optional<Path> ca, Optional<String> user, String passwordVariable,
                               String mqtt, Optional<Path> identity) {
        public static final String DEFAULT_PASSWORD_VARIABLE = "TESTBENCH_BROKER_PASSWORD";
        public static final String CERT_PASSWORD_VARIABLE = "TESTBENCH_BROKER_CERT_PASSWORD";
    }

    /** How the MDMS reaches its meters: RF answers in seconds, PLC may take half an hour. */
    public enum Latency { RF, PLC }

    /** The positions selected by a list such as {@code 1-4,7}; every number must be configured. */
    public List<PositionConfig> select(PositionSelection selection) {
        return selection.apply(positions, source);
    }
}
