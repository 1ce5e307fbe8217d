package org.testbench.mdms.client.auth;

import java.util.List;
import java.util.Objects;

import org.testbench.mdms.client.RequestAuthentication;

/** An API key sent as a header, a query parameter or a cookie of the name the document gives. */
public final class ApiKey implements RequestAuthentication {

    /** Where the key goes ({@code in} of an OpenAPI {@code apiKey} scheme). */
    public enum Location {
        HEADER, QUERY, COOKIE;

        /** {@code header}, {@code query} or {@code cookie}. */
        public static Location parse(String in) {
            return switch (in == null ? "" : in.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "header" -> HEADER;
                case "query" -> QUERY;
                case "cookie" -> COOKIE;
                default -> throw new IllegalArgumentException("an API key goes in header, query or cookie, not '"
                        + in + "'");
            };
        }
    }

    private final Location location;
    private final String name;
    private final String key;

    public ApiKey(Location location, String name, String key) {
        this.location = Objects.requireNonNull(location, "location");
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("an API key is printable ASCII without spaces (" + key.length()
                    + " characters given)");
        }
        this.key = key;
    }

    @Override
    public String scheme() {
        return "API key in " + location.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }

    @Override
    public void apply(CredentialTarget request) {
        switch (location) {
            case HEADER -> request.header(name, key);
            case QUERY -> request.queryParameter(name, key);
            case COOKIE -> request.cookie(name, key);
        }
    }

    @Override
    public List<String> secrets() {
        return List.of(key);
    }

    @Override
    public String toString() {
        return "ApiKey[" + scheme() + ", <redacted>]";
    }
}
