package org.testbench.mdms.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The request body of an operation, by media type in document order. */
public record ApiRequestBody(boolean required, String description, Map<String, ApiMediaType> content) {

    public ApiRequestBody {
        description = description == null ? "" : description;
        content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /** The first JSON media type, the one the client sends. */
    public Optional<ApiMediaType> json() {
        return content.values().stream().filter(ApiMediaType::isJson).findFirst();
    }

    public boolean hasExamples() {
        return content.values().stream().anyMatch(ApiMediaType::hasExamples);
    }
}
