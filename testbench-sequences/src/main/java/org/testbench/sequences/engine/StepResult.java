package org.testbench.sequences.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a step produced, by field name: {@code ${open.outcome}}, {@code ${bench.current}}. Values are
 * typed (quantities, numbers, booleans, instants, text).
 */
public final class StepResult {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    StepResult put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    public Optional<Object> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public Map<String, Object> fields() {
        return Map.copyOf(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
