package org.testbench.lab.mdms;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulated MDMS behaves: its fault profile, its network latency, the time scale applied
 * to every delay (1.0 = real time; tests use e.g. 0.01), the secret clients must prove they hold (the
 * reference API's bearer token, gridflow's OAuth2 client secret, metercloud's API key and basic password),
 * the API dialect it speaks and how long the access tokens of its OAuth2 token endpoint live.
 *
 * <p>The secret is a secret: {@link #toString()} never shows it.
 */
public record MdmsSettings(Set<MdmsFault> faults, MdmsLatency latency, double timeScale, String token,
        MdmsDialect dialect, Duration accessTokenLifetime) {

    /** Access tokens of the lab's OAuth2 token endpoint live this long unless told otherwise. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    /** The reference API. */
    public MdmsSettings(Set<MdmsFault> faults, MdmsLatency latency, double timeScale, String token) {
        this(faults, latency, timeScale, token, MdmsDialect.REFERENCE, DEFAULT_TOKEN_LIFETIME);
    }

    public MdmsSettings {
        Objects.requireNonNull(dialect, "dialect");
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalArgumentException("access token lifetime must be positive, was " + accessTokenLifetime);
        }
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        Objects.requireNonNull(latency, "latency");
        checkTimeScale(timeScale);
        checkToken(token);
    }

    /** A time scale must be finite and positive; 1.0 is real time. */
    public static double checkTimeScale(double timeScale) {
        if (!Double.isFinite(timeScale) || timeScale <= 0) {
            throw new IllegalArgumentException("MDMS time scale must be a finite number > 0, was " + timeScale);
        }
        return timeScale;
    }

    /** A token is a non-blank HTTP token68 without blanks; its value is never repeated in the message. */
    public static String checkToken(String token) {
        Objects.requireNonNull(token, "MDMS token");
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("MDMS token must be non-empty printable ASCII without blanks");
        }
        return token;
    }

    public boolean has(MdmsFault fault) {
        return faults.contains(fault);
    }

    @Override
    public String toString() {
        return "MdmsSettings[faults=" + MdmsFault.describe(faults) + ", latency=" + latency + ", timeScale="
                + timeScale + ", dialect=" + dialect + ", token=<redacted>]";
    }
}
