package org.testbench.lab.mdms.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * Checks {@code Authorization: Bearer <token>}. The comparison takes the same time whatever the
 * token, and no message ever repeats the token sent or expected.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws ServiceException UNAUTHORIZED if the header is missing, not Bearer, or the token is wrong */
    void check(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            throw unauthorized("the Authorization header is missing");
        }
        String value = authorization.get();
        if (value.length() < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("the Authorization header does not use the Bearer scheme");
        }
        byte[] presented = value.substring(SCHEME.length()).strip().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, expected)) {
            throw unauthorized("the bearer token is not valid");
        }
    }

    private static ServiceException unauthorized(String detail) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, "A valid bearer token is required", detail, null);
    }

    @Override
    public String toString() {
        return "BearerToken[<redacted>]";
    }
}
