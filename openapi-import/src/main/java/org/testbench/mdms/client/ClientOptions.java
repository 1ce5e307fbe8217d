package org.testbench.mdms.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Everything about how the client talks to the MDMS except what to call. Immutable; start from
 * {@link #defaults()} or {@link #newBuilder()}.
 *
 * <p>Two kinds of timeout: per transport ({@code connect}, {@code read} between two packets,
 * {@code write}) and per call (the whole exchange, including a body that arrives drop by drop). A
 * {@link LatencyProfile} given to a call replaces the call timeout.
 */
public final class ClientOptions {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration callTimeout;
    private final RequestAuthentication authentication;
    private final TlsSettings tls;
    private final int evidenceBytes;
    private final long maxBodyBytes;
    private final int maxConcurrentCalls;
    private final List<String> extraSecrets;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;

    private ClientOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.callTimeout = b.callTimeout;
        this.authentication = b.authentication;
        this.tls = b.tls;
        this.evidenceBytes = b.evidenceBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxConcurrentCalls = b.maxConcurrentCalls;
        this.extraSecrets = List.copyOf(b.extraSecrets);
        this.scheduler = b.scheduler;
        this.nanoTime = b.nanoTime;
    }

    public static ClientOptions defaults() {
        return newBuilder().build();
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.callTimeout = callTimeout;
        b.authentication = authentication;
        b.tls = tls;
        b.evidenceBytes = evidenceBytes;
        b.maxBodyBytes = maxBodyBytes;
        b.maxConcurrentCalls = maxConcurrentCalls;
        b.extraSecrets = extraSecrets;
        b.scheduler = scheduler;
        b.nanoTime = nanoTime;
        return b;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** The bearer token, when that is how the bench authenticates; see {@link #authentication()}. */
    public Optional<BearerToken> bearerToken() {
        return authentication instanceof BearerToken token ? Optional.of(token) : Optional.empty();
    }

    /** How the bench authenticates to the MDMS; empty: it sends no credentials. */
    public Optional<RequestAuthentication> authentication() {
        return Optional.ofNullable(authentication);
    }

    public TlsSettings tls() {
        return tls;
    }

    /** How much of each request and answer body the evidence keeps. */
    public int evidenceBytes() {
        return evidenceBytes;
    }

    /** Larger answers are cut off and reported; a runaway MDMS cannot exhaust the bench's memory. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** A load test drives 20+ meters at once through one MDMS: OkHttp's default of 5 per host is too few. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** Further strings to remove from evidence and logs (passwords of the MDMS's other credentials). */
    public List<String> extraSecrets() {
        return extraSecrets;
    }

    /** The scheduler for command polling; empty: the client runs its own single daemon thread. */
    public Optional<ScheduledExecutorService> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /**
     * The monotonic clock (nanoseconds) that measures a command against its deadline; {@code System::nanoTime}
     * unless a test steps it itself, so the deadline is checked without depending on the machine's load.
     */
    public LongSupplier nanoTime() {
        return nanoTime;
    }

    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RequestAuthentication authentication;
        private TlsSettings tls = TlsSettings.systemTrust();
        private int evidenceBytes = 2048;
        private long maxBodyBytes = 16L * 1024 * 1024;
        private int maxConcurrentCalls = 64;
        private List<String> extraSecrets = List.of();
        private ScheduledExecutorService scheduler;
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive("connect timeout", d);
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = positive("read timeout", d);
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = positive("write timeout", d);
            return this;
        }

        public Builder callTimeout(Duration d) {
            this.callTimeout = positive("call timeout", d);
            return this;
        }

        public Builder bearerToken(BearerToken token) {
            return authentication(token);
        }

        /** The credentials sent on every request the operation's security requires; null: none. */
        public Builder authentication(RequestAuthentication authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder tls(TlsSettings settings) {
            this.tls = Objects.requireNonNull(settings, "tls");
            return this;
        }

        public Builder evidenceBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("evidence of fewer than 64 bytes says nothing, got " + bytes);
            }
            this.evidenceBytes = bytes;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("a body limit under 1 KiB cuts ordinary answers, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder maxConcurrentCalls(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("at least one call at a time, got " + calls);
            }
            this.maxConcurrentCalls = calls;
            return this;
        }

        public Builder extraSecrets(List<String> secrets) {
            this.extraSecrets = List.copyOf(secrets);
            return this;
        }

        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder nanoTime(LongSupplier clock) {
            this.nanoTime = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
