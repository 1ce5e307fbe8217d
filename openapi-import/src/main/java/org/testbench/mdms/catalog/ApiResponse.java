package org.testbench.mdms.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One documented answer of an operation: its status key, description and bodies by media type. */
public record ApiResponse(ResponseStatus status, String description, Map<String, ApiMediaType> content) {

    public ApiResponse {
        Objects.requireNonNull(status, "status");
        description = description == null ? "" : description;
        content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /** The first JSON body, the one the client validates against. */
    public Optional<ApiMediaType> json() {
        return content.values().stream().filter(ApiMediaType::isJson).findFirst();
    }

    /** The schema of the JSON body, or of the first body with a schema. */
    public Optional<ApiSchema> schema() {
        return json().flatMap(ApiMediaType::schema)
                .or(() -> content.values().stream().flatMap(m -> m.schema().stream()).findFirst());
    }

    public boolean hasBody() {
        return !content.isEmpty();
    }

    public boolean hasExamples() {
        return content.values().stream().anyMatch(ApiMediaType::hasExamples);
    }
}
