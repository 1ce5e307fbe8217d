package org.testbench.mdms.client.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.client.RequestAuthentication;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): the bench gets an access token from the token endpoint with its
 * client id and secret (HTTP basic, {@code client_secret_basic}), sends it as a bearer token, keeps it until
 * shortly before it expires and, when the MDMS refuses it anyway (401), fetches a new one once. Thread-safe: all
 * positions share one token. A token endpoint that refuses the client or answers something that is not a token
 * response is an {@link AuthenticationException} naming the endpoint and what it said — the bench's fault.
 */
public final class OAuth2ClientCredentials implements RequestAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2ClientCredentials.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token is renewed this long before it expires, so that it does not expire on the way. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final int MAX_BODY = 64 * 1024;
    private static final int KNOWN_TOKENS = 8;

    private final HttpUrl tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final List<String> scopes;
    private final OkHttpClient http;
    private final Clock clock;
    private final Deque<String> issued = new ArrayDeque<>();
    private Token token;

    /**
     * @param http the client for the token endpoint (the MDMS connection's TLS settings apply to it too)
     */
    public OAuth2ClientCredentials(HttpUrl tokenUrl, String clientId, String clientSecret, List<String> scopes,
            OkHttpClient http, Clock clock) {
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("the OAuth2 client id is empty");
        }
        if (clientSecret.isEmpty()) {
            throw new IllegalArgumentException("the OAuth2 client secret of client " + clientId + " is empty");
        }
        this.scopes = List.copyOf(scopes);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Token(String value, Optional<Instant> renewAt) {
    }

    @Override
    public String scheme() {
        return "OAuth2 client credentials (client " + clientId + ", token endpoint " + tokenUrl + ")";
    }

    @Override
    public void apply(CredentialTarget request) throws AuthenticationException {
        request.header("Authorization", "Bearer " + current().value());
    }

    private synchronized Token current() throws AuthenticationException {
        Instant now = clock.instant();
        if (token == null || token.renewAt().map(at -> !now.isBefore(at)).orElse(false)) {
            token = fetch();
        }
        return token;
    }

    @Override
    public synchronized boolean renewAfterRefusal() {
        // Positions refused at the same moment each fetch a token: a few extra requests to the token endpoint
        // beat guessing which of them another position has already replaced.
        try {
            token = fetch();
            return true;
        } catch (AuthenticationException e) {
            LOG.warn("{}: {}", scheme(), e.getMessage());
            token = null;
            return false;
        }
    }

    private Token fetch() throws AuthenticationException {
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
        if (!scopes.isEmpty()) {
            form.add("scope", String.join(" ", scopes));
        }
        Request request = new Request.Builder().url(tokenUrl).post(form.build())
                .header("Authorization", Credentials.basic(clientId, clientSecret, java.nio.charset.StandardCharsets.UTF_8))
                .header("Accept", "application/json").build();
        Instant asked = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : body.source().readByteArray(Math.min(MAX_BODY,
                    Math.max(0, body.contentLength() < 0 ? MAX_BODY : body.contentLength())));
            String type = response.header("Content-Type", "no Content-Type");
            JsonNode json = parse(bytes);
            if (!response.isSuccessful()) {
                String error = json == null ? "" : json.path("error").asText("");
                throw new AuthenticationException(where() + " refused client " + clientId + ": HTTP " + response.code()
                        + (error.isEmpty() ? " (" + type + ")" : " " + printable(error)
                        + Optional.ofNullable(json.get("error_description")).map(d -> " (" + printable(d.asText())
                                + ")").orElse("")));
            }
            if (json == null || !json.isObject()) {
                throw new AuthenticationException(where() + " answered HTTP " + response.code() + " " + type
                        + " that is not a JSON token response (RFC 6749 §5.1)");
            }
            JsonNode accessToken = json.get("access_token");
            if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw new AuthenticationException(where() + " answered a token response without access_token");
            }
            String tokenType = json.path("token_type").asText("");
            if (!tokenType.toLowerCase(Locale.ROOT).equals("bearer")) {
                throw new AuthenticationException(where() + " answered token_type '" + printable(tokenType)
                        + "'; the bench sends bearer tokens only");
            }
            Optional<Instant> renewAt = Optional.empty();
            JsonNode expiresIn = json.get("expires_in");
            if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
                Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
                Duration margin = lifetime.compareTo(MARGIN.multipliedBy(4)) < 0 ? lifetime.dividedBy(4) : MARGIN;
                renewAt = Optional.of(asked.plus(lifetime).minus(margin));
            }
            remember(accessToken.asText());
            LOG.debug("{}: access token obtained{}", scheme(),
                    renewAt.map(at -> ", renewed after " + at).orElse(", no expiry given"));
            return new Token(accessToken.asText(), renewAt);
        } catch (IOException e) {
            throw new AuthenticationException(where() + " could not be reached: " + e.getMessage(), e);
        }
    }

    private String where() {
        return "the OAuth2 token endpoint " + tokenUrl;
    }

    private synchronized void remember(String value) {
        issued.addFirst(value);
        while (issued.size() > KNOWN_TOKENS) {
            issued.removeLast();
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** An error code or description as the endpoint wrote it: short and without control characters. */
    private static String printable(String text) {
        String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 120 ? cleaned.substring(0, 120) + "..." : cleaned;
    }

    @Override
    public synchronized List<String> secrets() {
        List<String> all = new ArrayList<>();
        all.add(clientSecret);
        all.addAll(issued);
        return all;
    }

    @Override
    public String toString() {
        return "OAuth2ClientCredentials[" + clientId + " at " + tokenUrl + ", <redacted>]";
    }
}
