package org.testbench.mdms.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The HTTP methods an OpenAPI path item can hold. */
public enum HttpMethod {
    GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE;

    /** Case-insensitive; the message lists the methods OpenAPI knows. */
    public static HttpMethod parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown HTTP method '" + text + "' (expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")", e);
        }
    }

    /** Methods that carry a request body in practice. */
    public boolean hasBody() {
        return this == POST || this == PUT || this == PATCH;
    }
}
