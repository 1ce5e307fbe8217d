package org.testbench.mdms.catalog;

import java.util.Objects;

/**
 * An operation by method and path template, the identity every OpenAPI operation has even without an
 * operationId. Prints and parses as {@code GET /meters/{serial}}.
 */
public record OperationKey(HttpMethod method, String path) implements Comparable<OperationKey> {

    public OperationKey {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': '" + path + "'");
        }
    }

    /** Parses {@code METHOD /path}; throws with the text when it has another shape. */
    public static OperationKey parse(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("expected 'METHOD /path', got '" + text + "'");
        }
        return new OperationKey(HttpMethod.parse(trimmed.substring(0, space)), trimmed.substring(space + 1).strip());
    }

    /** True when {@code text} has the {@code METHOD /path} shape (used to tell it from an operationId). */
    public static boolean looksLikeKey(String text) {
        String trimmed = text.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(space + 1).strip().startsWith("/")) {
            return false;
        }
        try {
            HttpMethod.parse(trimmed.substring(0, space));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int compareTo(OperationKey other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
