package org.testbench.mdms.catalog;

import java.util.Objects;

/**
 * A security scheme the document declares ({@code components.securitySchemes}).
 *
 * @param detail the scheme's parameters in words: {@code bearer JWT}, {@code header X-API-Key}
 */
public record SecurityScheme(String name, Type type, String detail, String description) {

    /** The kinds the bench distinguishes. */
    public enum Type {
        HTTP_BEARER, HTTP_BASIC, HTTP_OTHER, API_KEY, OAUTH2, OPENID_CONNECT, MUTUAL_TLS
    }

    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        detail = detail == null ? "" : detail;
        description = description == null ? "" : description;
    }
}
