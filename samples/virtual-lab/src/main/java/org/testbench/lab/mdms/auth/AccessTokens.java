package org.testbench.lab.mdms.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.testbench.lab.mdms.http.Authenticator;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * The access tokens the lab's OAuth2 token endpoint issued, each valid until it expires or is revoked; a
 * request must carry one as {@code Authorization: Bearer}. Thread-safe.
 */
public final class AccessTokens implements Authenticator {

    private static final String SCHEME = "Bearer ";

    private final Map<String, Instant> valid = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AccessTokens(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A fresh token, valid for {@link #lifetime()}. */
    public String issue() {
        Instant now = clock.instant();
        valid.values().removeIf(expiry -> !expiry.isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        valid.put(token, now.plus(lifetime));
        return token;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Forgets every token, as an MDMS does after a restart or a key rotation: clients must get a new one. */
    public void revokeAll() {
        valid.clear();
    }

    @Override
    public void check(Credentials presented) {
        String authorization = presented.header("authorization").orElseThrow(
                () -> unauthorized("the Authorization header is missing"));
        if (authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("the Authorization header does not use the Bearer scheme");
        }
        // A map lookup is not constant-time, but the tokens are 256 random bits: nothing to learn by timing.
        Instant expiry = valid.get(authorization.substring(SCHEME.length()).strip());
        if (expiry == null) {
            throw unauthorized("the access token is not valid (unknown or revoked)");
        }
        if (!expiry.isAfter(clock.instant())) {
            throw unauthorized("the access token has expired");
        }
    }

    private static ServiceException unauthorized(String detail) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, "A valid OAuth2 access token is required", detail, null);
    }

    @Override
    public String challenge() {
        return "Bearer realm=\"gridflow\", error=\"invalid_token\"";
    }

    @Override
    public String toString() {
        return "AccessTokens[" + valid.size() + " valid, <redacted>]";
    }
}
