package org.testbench.lab.mdms.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * Checks {@code Authorization: Bearer <token>} against one fixed token. The comparison takes the same time
 * whatever the token, and no message ever repeats the token sent or expected.
 */
public final class BearerToken implements Authenticator {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void check(Credentials presented) {
        check(presented.header("authorization"));
    }

    /** @throws ServiceException UNAUTHORIZED if the header is missing, not Bearer, or the token is wrong */
    void check(Optional<String> authorization) {
        byte[] token = presentedToken(authorization);
        if (!MessageDigest.isEqual(token, expected)) {
            throw unauthorized("the bearer token is not valid");
        }
    }

    /** The token of a {@code Bearer} Authorization header. */
    static byte[] presentedToken(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            throw unauthorized("the Authorization header is missing");
        }
        String value = authorization.get();
        if (value.length() < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("the Authorization header does not use the Bearer scheme");
        }
        return value.substring(SCHEME.length()).strip().getBytes(StandardCharsets.US_ASCII);
    }

    static ServiceException unauthorized(String detail) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required", detail, null);
    }

    @Override
    public String challenge() {
        return "Bearer realm=\"mdms\"";
    }

    @Override
    public String toString() {
        return "BearerToken[<redacted>]";
    }
}
