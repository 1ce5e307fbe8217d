package org.testbench.mdms.catalog;

import java.util.Objects;

/** A server the document lists; {@code url} may still hold {@code {variables}}. */
public record ApiServer(String url, String description) {

    public ApiServer {
        Objects.requireNonNull(url, "url");
        description = description == null ? "" : description;
    }
}
