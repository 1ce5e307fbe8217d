package org.testbench.lab.mdms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * An OAuth2 token endpoint for the client credentials grant (RFC 6749 §4.4): the client authenticates with
 * HTTP basic ({@code client_secret_basic}) or with {@code client_id}/{@code client_secret} form fields
 * ({@code client_secret_post}) and gets a bearer access token with its lifetime. Errors are RFC 6749 §5.2
 * bodies: {@code invalid_client} (401), {@code unsupported_grant_type}, {@code invalid_scope},
 * {@code invalid_request} (400).
 */
public final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final String BASIC = "Basic ";

    private final String clientId;
    private final byte[] clientSecret;
    private final String scope;
    private final AccessTokens tokens;

    public TokenEndpoint(String clientId, String clientSecret, String scope, AccessTokens tokens) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.scope = scope;
        this.tokens = tokens;
    }

    /** {@code POST path}, open to anybody: the client proves itself in the request. */
    public Route route(String path) {
        return Route.open("POST", path, "issueToken", this::token);
    }

    private Response token(Request request) {
        Map<String, String> form;
        try {
            form = request.form();
        } catch (ServiceException e) {
            return error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        Optional<String[]> basic = request.header("authorization").flatMap(TokenEndpoint::basic);
        String id = basic.map(pair -> pair[0]).orElse(form.get("client_id"));
        String secret = basic.map(pair -> pair[1]).orElse(form.get("client_secret"));
        if (id == null || secret == null) {
            return error(401, "invalid_client", "client authentication is missing (HTTP basic or client_secret_post)");
        }
        boolean known = MessageDigest.isEqual(id.getBytes(StandardCharsets.UTF_8),
                clientId.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret);
        if (!known) {
            LOG.info("Token request refused: unknown client or wrong secret");
            return error(401, "invalid_client", "unknown client or wrong secret");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        String requested = form.getOrDefault("scope", scope);
        if (!Arrays.asList(requested.split(" ")).stream().allMatch(s -> s.isEmpty() || s.equals(scope))) {
            return error(400, "invalid_scope", "this client may only have the scope " + scope);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.lifetime().toSeconds());
        body.put("scope", scope);
        LOG.info("Access token issued to client {} for {} s", clientId, tokens.lifetime().toSeconds());
        // RFC 6749 §5.1: token answers must not be cached.
        return new Response(200, body, Map.of("Cache-Control", "no-store", "Pragma", "no-cache"), false);
    }

    private static Optional<String[]> basic(String authorization) {
        if (authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response error(int status, String code, String description) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (status == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"oauth\"");
        }
        return new Response(status, Map.of("error", code, "error_description", description), headers, false);
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + clientId + ", <redacted>]";
    }
}
