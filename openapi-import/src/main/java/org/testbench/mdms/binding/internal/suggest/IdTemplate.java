package org.testbench.mdms.binding.internal.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testbench.mdms.catalog.ApiSchema;

/**
 * How an API writes an id around the bench's value, learnt from the spec's examples: {@code MTR-000123}
 * has the prefix {@code MTR-}, {@code urn:dev:ow:10e2073a} the prefix {@code urn:dev:ow:},
 * {@code org.acme:meter-1} the namespace {@code org.acme:}. Examples that disagree teach nothing.
 */
public final class IdTemplate {

    /** Letters (and separators) up to the last separator before the variable part. */
    private static final Pattern PREFIXED = Pattern.compile("^([A-Za-z][A-Za-z0-9]*(?:[.:][A-Za-z0-9]+)*[-_:./])(?=[A-Za-z0-9]*\\d)[A-Za-z0-9]+$");

    private IdTemplate() {
    }

    /** The prefix all the examples share, when there is one. */
    public static Optional<String> prefix(List<String> examples) {
        Optional<String> common = Optional.empty();
        for (String example : examples) {
            Matcher m = PREFIXED.matcher(example);
            if (!m.matches()) {
                return Optional.empty();
            }
            if (common.isPresent() && !common.get().equals(m.group(1))) {
                return Optional.empty();
            }
            common = Optional.of(m.group(1));
        }
        return common;
    }

    /** The text examples of a parameter's schema ({@code example}, {@code examples}, {@code default}). */
    public static List<String> examples(Optional<ApiSchema> schema) {
        List<String> examples = new ArrayList<>();
        schema.map(ApiSchema::json).ifPresent(json -> {
            add(json.get("example"), examples);
            JsonNode many = json.get("examples");
            if (many != null && many.isArray()) {
                many.forEach(e -> add(e, examples));
            }
        });
        return examples;
    }

    private static void add(JsonNode value, List<String> into) {
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            into.add(value.asText());
        }
    }
}
