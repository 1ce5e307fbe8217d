package org.testbench.lab;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.lab.trust.TsaBehaviour;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.optical.OpticalPacing;

/**
 * How to start a {@link VirtualLab}. Immutable; build it with {@link #builder()}.
 *
 * <p>The keystore password and the MDMS token are the secrets here: the password is copied in and
 * out, and neither is ever shown by {@link #toString()}.
 */
public final class LabConfig {

    public static final int DEFAULT_METERS = 3;
    /** Each meter uses two consecutive ports from {@link #basePort()}: optical, then AMI. */
    public static final int PORTS_PER_METER = 2;
    /** The bench's SCPI port comes after the meters' ports. */
    public static final int BENCH_PORTS = 1;

    private static final int MAX_PORT = 65_535;
    /**
     * Beyond a million, 1150 W roll a register (2^32 x 0.1 Wh) over within minutes: more likely a
     * typo than a test.
     */
    private static final double MAX_TIME_ACCELERATION = 1_000_000.0;

    private final int meters;
    private final Path workDir;
    private final char[] keystorePassword;
    private final boolean opticalPty;
    private final boolean opticalEcho;
    private final boolean strictInvocationCounter;
    private final int basePort;
    private final boolean benchPty;
    private final double timeAcceleration;
    private final Set<MdmsFault> mdmsFaults;
    private final MdmsLatency mdmsLatency;
    private final double mdmsTimeScale;
    private final String mdmsToken;
    private final MdmsTlsProfile mdmsTls;
    private final MdmsClientAuth mdmsClientAuth;
    private final Path mdmsClientCa;
    private final MdmsDialect mdmsDialect;
    private final boolean events;
    private final BrokerEndpoint broker;
    private final List<MeterType> meterTypes;
    private final OpticalPacing opticalPacing;
    private final TsaBehaviour tsa;

    private LabConfig(Builder builder) {
        this.meters = builder.meters;
        this.workDir = builder.workDir;
        this.keystorePassword = builder.keystorePassword.clone();
        this.opticalPty = builder.opticalPty;
        this.opticalEcho = builder.opticalEcho;
        this.strictInvocationCounter = builder.strictInvocationCounter;
        this.basePort = builder.basePort;
        this.benchPty = builder.benchPty;
        this.timeAcceleration = builder.timeAcceleration;
        this.mdmsFaults = builder.mdmsFaults.isEmpty() ? Set.of() : Set.copyOf(builder.mdmsFaults);
        this.mdmsLatency = builder.mdmsLatency;
        this.mdmsTimeScale = builder.mdmsTimeScale;
        this.mdmsToken = builder.mdmsToken != null ? builder.mdmsToken : randomToken();
        // Mutual TLS needs HTTPS: a lab asked for client certificates serves the good profile unless told otherwise.
        this.mdmsTls = builder.mdmsTls == null && builder.mdmsClientAuth.asks() ? MdmsTlsProfile.GOOD : builder.mdmsTls;
        this.mdmsClientAuth = builder.mdmsClientAuth;
        this.mdmsClientCa = builder.mdmsClientCa;
        this.mdmsDialect = builder.mdmsDialect;
        this.events = builder.events;
        this.broker = builder.broker;
        this.meterTypes = builder.meterTypes;
        this.opticalPacing = builder.opticalPacing;
        this.tsa = builder.tsa;
    }

    /** 256 random bits, URL-safe Base64: a token nobody can guess when the caller gave none. */
    private static String randomToken() {
        byte[] bits = new byte[32];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of meters, at positions 1..meters. */
    public int meters() {
        return meters;
    }

    /** Where the keystore and the pty links go; empty: the lab creates (and on close deletes) a temp dir. */
    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    /** A copy of the keystore password; overwrite it when done. */
    public char[] keystorePassword() {
        return keystorePassword.clone();
    }

    /** Create a pseudo-terminal optical port per meter when socat is on the PATH. */
    public boolean opticalPty() {
        return opticalPty;
    }

    /** The optical head echoes every received byte, as half-duplex heads do. */
    public boolean opticalEcho() {
        return opticalEcho;
    }

    /** True: an invocation counter equal to the last accepted one is rejected as a replay. */
    public boolean strictInvocationCounter() {
        return strictInvocationCounter;
    }

    /** First TCP port, or 0 for ephemeral ports. */
    public int basePort() {
        return basePort;
    }

    /** Serve the bench's SCPI also on a pseudo-terminal when socat is on the PATH. */
    public boolean benchPty() {
        return benchPty;
    }

    /**
     * Simulated time per wall time for the energy the bench feeds into the meters: 1 is real time,
     * 3600 makes one second of wall time count as one hour.
     */
    public double timeAcceleration() {
        return timeAcceleration;
    }

    /** The MDMS's fault profile; empty (the default) means correct behaviour. */
    public Set<MdmsFault> mdmsFaults() {
        return mdmsFaults;
    }

    /** The MDMS's network latency profile; default RF. */
    public MdmsLatency mdmsLatency() {
        return mdmsLatency;
    }

    /** Factor applied to every MDMS delay; default 1.0 (real time). */
    public double mdmsTimeScale() {
        return mdmsTimeScale;
    }

    /** The bearer token the MDMS requires; a random one unless the builder was given one. */
    public String mdmsToken() {
        return mdmsToken;
    }

    /** The API the MDMS speaks (default: the reference API). */
    public MdmsDialect mdmsDialect() {
        return mdmsDialect;
    }

    /** The MDMS serves HTTPS with this profile; empty (the default): plain HTTP. */
    public Optional<MdmsTlsProfile> mdmsTls() {
        return Optional.ofNullable(mdmsTls);
    }

    /** Whether the MDMS asks clients for a TLS certificate (mutual TLS); default NONE. */
    public MdmsClientAuth mdmsClientAuth() {
        return mdmsClientAuth;
    }

    /**
     * The PEM file of the CAs whose client certificates the MDMS accepts; empty (the default): the lab's own client
     * CA, which issues the bench identity {@code bench-identity.p12} (protected by the keystore password).
     */
    public Optional<Path> mdmsClientCa() {
        return Optional.ofNullable(mdmsClientCa);
    }

    /**
     * True: the meters push their events through a gateway and a broker to the MDMS. Off by default
     * in the API, because a broker and two MQTT sessions cost every lab a second; {@code testbench lab}
     * switches it on.
     */
    public boolean events() {
        return events;
    }

    /** An external broker for the event path; empty (the default): the lab starts its embedded one. */
    public Optional<BrokerEndpoint> broker() {
        return Optional.ofNullable(broker);
    }

    /** The meter types, assigned round-robin to positions 1..N; default: the lab's first type only. */
    public List<MeterType> meterTypes() {
        return meterTypes;
    }

    /** The type of the meter at a position: the types in turn, from position 1. */
    public MeterType meterType(int position) {
        return meterTypes.get((position - 1) % meterTypes.size());
    }

    /** Whether the optical ports take a real line's time; default {@link OpticalPacing#NONE}. */
    public OpticalPacing opticalPacing() {
        return opticalPacing;
    }

    /**
     * The trust services (time-stamping authority, QA CA with CRL and OCSP) and how the TSA answers; empty (the
     * default in the API, as they cost a lab two RSA keys): none. {@code testbench lab} switches them on.
     */
    public Optional<TsaBehaviour> tsa() {
        return Optional.ofNullable(tsa);
    }

    /** TCP port of the optical endpoint of a position; 0 means ephemeral. */
    int opticalPort(int position) {
        return basePort == 0 ? 0 : basePort + PORTS_PER_METER * (position - 1);
    }

    /** TCP port of the AMI endpoint of a position; 0 means ephemeral. */
    int amiPort(int position) {
        return basePort == 0 ? 0 : basePort + PORTS_PER_METER * (position - 1) + 1;
    }

    /** TCP port of the bench's SCPI interface, the one after the last meter's; 0 means ephemeral. */
    int benchPort() {
        return basePort == 0 ? 0 : basePort + PORTS_PER_METER * meters;
    }

    @Override
    public String toString() {
        return "LabConfig[meters=" + meters + ", workDir=" + (workDir == null ? "(temporary)" : workDir)
                + ", keystorePassword=<redacted>, opticalPty=" + opticalPty + ", opticalEcho=" + opticalEcho
                + ", strictInvocationCounter=" + strictInvocationCounter + ", basePort=" + basePort + ", benchPty="
                + benchPty + ", timeAcceleration=" + timeAcceleration
                + ", mdmsFaults=" + MdmsFault.describe(mdmsFaults) + ", mdmsLatency=" + mdmsLatency
                + ", mdmsTimeScale=" + mdmsTimeScale + ", mdmsDialect=" + mdmsDialect + ", mdmsToken=<redacted>"
                + ", mdmsTls=" + (mdmsTls == null ? "off" : mdmsTls.externalName()) + ", mdmsClientAuth="
                + mdmsClientAuth.externalName() + (mdmsClientCa == null ? "" : " (CA " + mdmsClientCa + ")")
                + ", events=" + events
                + ", broker=" + (broker == null ? "(embedded)" : broker) + ", meterTypes=" + meterTypes
                + ", opticalPacing=" + opticalPacing.externalName()
                + ", tsa=" + (tsa == null ? "off" : tsa.externalName()) + "]";
    }

    /** Builder with the documented defaults; only the keystore password is required. */
    public static final class Builder {
        private int meters = DEFAULT_METERS;
        private Path workDir;
        private char[] keystorePassword;
        private boolean opticalPty = true;
        private boolean opticalEcho;
        private boolean strictInvocationCounter = true;
        private int basePort;
        private boolean benchPty = true;
        private double timeAcceleration = 1.0;
        private Set<MdmsFault> mdmsFaults = EnumSet.noneOf(MdmsFault.class);
        private MdmsLatency mdmsLatency = MdmsLatency.RF;
        private double mdmsTimeScale = 1.0;
        private String mdmsToken;
        private MdmsTlsProfile mdmsTls;
        private MdmsClientAuth mdmsClientAuth = MdmsClientAuth.NONE;
        private Path mdmsClientCa;
        private MdmsDialect mdmsDialect = MdmsDialect.REFERENCE;
        private boolean events;
        private BrokerEndpoint broker;
        private List<MeterType> meterTypes = List.of(MeterType.TESTBENCH_VIRTUAL);
        private OpticalPacing opticalPacing = OpticalPacing.NONE;
        private TsaBehaviour tsa;

        private Builder() {
        }

        /** The meter types, assigned round-robin to the positions (1 gets the first); at least one. */
        public Builder meterTypes(List<MeterType> types) {
            Objects.requireNonNull(types, "meterTypes");
            if (types.isEmpty()) {
                throw new IllegalArgumentException("meterTypes must name at least one type");
            }
            this.meterTypes = List.copyOf(types);
            return this;
        }

        /** LINE: the optical ports take the line time of every byte at the negotiated baud. */
        public Builder opticalPacing(OpticalPacing pacing) {
            this.opticalPacing = Objects.requireNonNull(pacing, "opticalPacing");
            return this;
        }

        public Builder meters(int count) {
            if (count < 1 || count > MeterIdentity.MAX_POSITION) {
                throw new IllegalArgumentException("meters must be 1.." + MeterIdentity.MAX_POSITION + ", was " + count);
            }
            this.meters = count;
            return this;
        }

        public Builder workDir(Path directory) {
            this.workDir = Objects.requireNonNull(directory, "workDir").toAbsolutePath();
            return this;
        }

        /** The password of the PKCS#12 keystore and of its entries; copied. */
        public Builder keystorePassword(char[] password) {
            Objects.requireNonNull(password, "keystorePassword");
            if (password.length == 0) {
                throw new IllegalArgumentException("keystorePassword must not be empty");
            }
            if (keystorePassword != null) {
                Arrays.fill(keystorePassword, '\0');
            }
            this.keystorePassword = password.clone();
            return this;
        }

        public Builder opticalPty(boolean enabled) {
            this.opticalPty = enabled;
            return this;
        }

        public Builder opticalEcho(boolean enabled) {
            this.opticalEcho = enabled;
            return this;
        }

        public Builder strictInvocationCounter(boolean strict) {
            this.strictInvocationCounter = strict;
            return this;
        }

        public Builder basePort(int port) {
            if (port < 0 || port > MAX_PORT) {
                throw new IllegalArgumentException("basePort must be 0 (ephemeral) or 1.." + MAX_PORT + ", was " + port);
            }
            this.basePort = port;
            return this;
        }

        public Builder benchPty(boolean enabled) {
            this.benchPty = enabled;
            return this;
        }

        /** Simulated time per wall time of the meters' energy; tests use e.g. 3600 (a second is an hour). */
        public Builder timeAcceleration(double factor) {
            if (!(factor > 0) || factor > MAX_TIME_ACCELERATION) {
                throw new IllegalArgumentException("timeAcceleration must be > 0 and <= " + MAX_TIME_ACCELERATION
                        + ", was " + factor);
            }
            this.timeAcceleration = factor;
            return this;
        }

        /** Misbehaviours of the MDMS; empty (the default) for a correct one. */
        public Builder mdmsFaults(Set<MdmsFault> faults) {
            Objects.requireNonNull(faults, "mdmsFaults");
            this.mdmsFaults = faults.isEmpty() ? EnumSet.noneOf(MdmsFault.class) : EnumSet.copyOf(faults);
            return this;
        }

        /** RF (default): commands execute after 1-3 s; PLC: after 2-30 min. */
        public Builder mdmsLatency(MdmsLatency latency) {
            this.mdmsLatency = Objects.requireNonNull(latency, "mdmsLatency");
            return this;
        }

        /** Multiplies every MDMS delay; 1.0 is real time, tests use e.g. 0.01. */
        public Builder mdmsTimeScale(double scale) {
            this.mdmsTimeScale = MdmsSettings.checkTimeScale(scale);
            return this;
        }

        /** The bearer token the MDMS requires on every call but /health; default: a random one. */
        public Builder mdmsToken(String token) {
            this.mdmsToken = MdmsSettings.checkToken(token);
            return this;
        }

        public Builder mdmsDialect(MdmsDialect dialect) {
            this.mdmsDialect = Objects.requireNonNull(dialect, "mdmsDialect");
            return this;
        }

        /** Serve the MDMS over HTTPS with this profile (null: plain HTTP, the default). */
        public Builder mdmsTls(MdmsTlsProfile profile) {
            this.mdmsTls = profile;
            return this;
        }

        /** Ask clients for a TLS certificate (mutual TLS); with no {@link #mdmsTls} profile, the good one is served. */
        public Builder mdmsClientAuth(MdmsClientAuth mode) {
            this.mdmsClientAuth = Objects.requireNonNull(mode, "mdmsClientAuth");
            return this;
        }

        /** Accept client certificates of the CAs in this PEM file instead of the lab's own client CA. */
        public Builder mdmsClientCa(Path caPem) {
            this.mdmsClientCa = Objects.requireNonNull(caPem, "mdmsClientCa").toAbsolutePath();
            return this;
        }

        /**
         * True: a gateway pushes the meters' events through a broker (embedded unless {@link #broker} is
         * given) to the MDMS. False (the default): the events are only logged.
         */
        public Builder events(boolean enabled) {
            this.events = enabled;
            return this;
        }

        /** Use this broker (e.g. Mosquitto) instead of the embedded one; switches the event path on. */
        public Builder broker(BrokerEndpoint endpoint) {
            this.broker = Objects.requireNonNull(endpoint, "broker");
            this.events = true;
            return this;
        }

        /** Start the trust services, the time-stamping authority answering as the behaviour says. */
        public Builder tsa(TsaBehaviour behaviour) {
            this.tsa = Objects.requireNonNull(behaviour, "tsa");
            return this;
        }

        public LabConfig build() {
            if (keystorePassword == null) {
                throw new IllegalStateException("keystorePassword is required");
            }
            if (mdmsClientCa != null && !mdmsClientAuth.asks()) {
                throw new IllegalStateException("a client CA for the MDMS needs client authentication want or need");
            }
            if (basePort != 0 && basePort + (long) PORTS_PER_METER * meters + BENCH_PORTS - 1 > MAX_PORT) {
                throw new IllegalStateException("basePort " + basePort + " leaves no room for " + meters
                        + " meters x " + PORTS_PER_METER + " ports and the bench's port below " + MAX_PORT);
            }
            return new LabConfig(this);
        }
    }
}
