package org.testbench.mdms.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A body of one media type: its schema and the examples the document gives for it (from
 * {@code example}, {@code examples} and the schema's own example). Example trees are read-only.
 */
public record ApiMediaType(String mediaType, Optional<ApiSchema> schema, List<JsonNode> examples) {

    public ApiMediaType {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(schema, "schema");
        examples = List.copyOf(examples);
    }

    /** {@code application/json}, {@code application/problem+json} and other {@code +json} types. */
    public boolean isJson() {
        String type = mediaType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip();
        }
        return type.equals("application/json") || type.endsWith("+json") || type.equals("*/*");
    }

    public boolean hasExamples() {
        return !examples.isEmpty();
    }
}
