package org.testbench.mdms.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A security scheme the document declares ({@code components.securitySchemes}).
 *
 * @param detail        the scheme's parameters in words: {@code bearer JWT}, {@code header X-API-Key}
 * @param location      an API key's {@code in}: {@code header}, {@code query} or {@code cookie}; empty otherwise
 * @param parameterName an API key's header, query parameter or cookie name; empty otherwise
 * @param tokenUrl      OAuth2: the client credentials flow's {@code tokenUrl} as written (maybe relative to the
 *                      server URL); empty when the scheme has no such flow
 * @param scopes        OAuth2: the scopes that flow declares
 */
public record SecurityScheme(String name, Type type, String detail, String description, Optional<String> location,
                             Optional<String> parameterName, Optional<String> tokenUrl, List<String> scopes) {

    /** A scheme without API key or OAuth2 details. */
    public SecurityScheme(String name, Type type, String detail, String description) {
        this(name, type, detail, description, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The kinds the bench distinguishes. */
    public enum Type {
        HTTP_BEARER, HTTP_BASIC, HTTP_OTHER, API_KEY, OAUTH2, OPENID_CONNECT, MUTUAL_TLS
    }

    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
        description = description == null ? "" : description;
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(parameterName, "parameterName");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        scopes = List.copyOf(scopes);
    }
}
