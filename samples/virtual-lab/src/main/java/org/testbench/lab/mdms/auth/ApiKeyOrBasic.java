package org.testbench.lab.mdms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import org.testbench.lab.mdms.http.Authenticator;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * One secret, offered the ways an API-key MDMS accepts it: an API key in a header, a query parameter or a
 * cookie, or the password of HTTP basic for a fixed user. The first credential found is the one judged.
 */
public final class ApiKeyOrBasic implements Authenticator {

    private static final String BASIC = "Basic ";

    private final String headerName;
    private final String queryName;
    private final String cookieName;
    private final String user;
    private final byte[] secret;

    /** @param headerName lower case */
    public ApiKeyOrBasic(String headerName, String queryName, String cookieName, String user, String secret) {
        this.headerName = headerName;
        this.queryName = queryName;
        this.cookieName = cookieName;
        this.user = user;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void check(Credentials presented) {
        Optional<String> authorization = presented.header("authorization");
        if (authorization.isPresent()) {
            checkBasic(authorization.get());
            return;
        }
        Optional<String> key = presented.header(headerName).or(() -> presented.query(queryName))
                .or(() -> presented.cookie(cookieName));
        if (key.isEmpty()) {
            throw unauthorized("no credentials: an API key (header " + headerName + ", query " + queryName
                    + " or cookie " + cookieName + ") or HTTP basic is required");
        }
        if (!MessageDigest.isEqual(key.get().getBytes(StandardCharsets.UTF_8), secret)) {
            throw unauthorized("the API key is not valid");
        }
    }

    private void checkBasic(String authorization) {
        if (authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw unauthorized("the Authorization header does not use the Basic scheme");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the Basic credentials are not Base64");
        }
        int colon = decoded.indexOf(':');
        boolean valid = colon > 0 & MessageDigest.isEqual(
                (colon > 0 ? decoded.substring(0, colon) : "").getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual((colon > 0 ? decoded.substring(colon + 1) : "").getBytes(StandardCharsets.UTF_8),
                        secret);
        if (!valid) {
            throw unauthorized("wrong user or password");
        }
    }

    private static ServiceException unauthorized(String detail) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, "Authentication required", detail, null);
    }

    @Override
    public String challenge() {
        return "Basic realm=\"metercloud\"";
    }

    @Override
    public String toString() {
        return "ApiKeyOrBasic[" + headerName + ", <redacted>]";
    }
}
