package org.testbench.mdms.catalog;

import java.util.Locale;

/** Where a parameter goes in the request ({@code in} in OpenAPI). */
public enum ParameterLocation {
    PATH, QUERY, HEADER, COOKIE;

    public static ParameterLocation parse(String in) {
        try {
            return valueOf(in.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown parameter location '" + in + "' (expected path, query, header, cookie)", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
