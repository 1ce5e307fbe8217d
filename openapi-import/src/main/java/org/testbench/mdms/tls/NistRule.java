package org.testbench.mdms.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One rule of {@link NistRules}, as read from the data file: its id, what it looks at (kind), how
 * severe a breach is, the guideline passage, the message template and the kind's parameters.
 */
public final class NistRule {

    /** What a rule looks at; the data decides the rest. */
    public enum Kind {
        VERSION_OFFERED, VERSION_MISSING, SUITE_OFFERED, NO_SUITE_MATCHES, GROUP_OFFERED, GROUP_NOT_LISTED,
        GROUP_MISSING, CERTIFICATE, FEATURE_MISSING
    }

    private final String id;
    private final Kind kind;
    private final TlsFinding.Severity severity;
    private final String reference;
    private final String message;
    private final JsonNode parameters;

    NistRule(String id, Kind kind, TlsFinding.Severity severity, String reference, String message,
            JsonNode parameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.message = Objects.requireNonNull(message, "message");
        this.parameters = parameters;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public TlsFinding.Severity severity() {
        return severity;
    }

    public String reference() {
        return reference;
    }

    /** The message template, with {@code {version}}, {@code {suite}}, {@code {group}}, {@code {detail}}. */
    public String message() {
        return message;
    }

    /** A finding of this rule with the template filled in. */
    TlsFinding finding(Map<String, String> values) {
        String text = message;
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return new TlsFinding(id, severity, text, reference);
    }

    TlsFinding finding(String placeholder, String value) {
        return finding(Map.of(placeholder, value));
    }

    List<String> strings(String name) {
        JsonNode node = parameters.get(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalStateException("rule " + id + ": '" + name + "' must be a list");
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    String string(String name) {
        JsonNode node = parameters.get(name);
        if (node == null || !node.isValueNode()) {
            throw new IllegalStateException("rule " + id + ": '" + name + "' is required");
        }
        return node.asText();
    }

    Optional<Integer> integer(String name) {
        JsonNode node = parameters.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.canConvertToInt()) {
            throw new IllegalStateException("rule " + id + ": '" + name + "' must be a whole number");
        }
        return Optional.of(node.asInt());
    }

    Map<String, Integer> integers(String name) {
        JsonNode node = parameters.get(name);
        Map<String, Integer> values = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asInt()));
        }
        return values;
    }

    @Override
    public String toString() {
        return id + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", " + severity + ", " + reference + ")";
    }
}
