package org.testbench.mdms.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter or body value in a binding: a literal ({@code OPEN}, {@code true}, {@code 30}), text
 * with placeholders ({@code ${serial}}, {@code meter-${serial}}), or (format 2 bodies) a JSON object or
 * list whose members are such values, at any depth. A value that is exactly one placeholder takes the
 * type of what the caller gives (a boolean stays a boolean in the JSON body); anything else is text.
 * {@code $${} writes a literal {@code ${}.
 */
public final class ValueTemplate {

    private final JsonNode literal;
    private final List<Part> parts;
    /** Members of an object, in order; null when this is not an object. */
    private final Map<String, ValueTemplate> fields;
    /** Elements of a list; null when this is not a list. */
    private final List<ValueTemplate> elements;

    private record Part(String text, boolean placeholder) {
    }

    private ValueTemplate(JsonNode literal, List<Part> parts) {
        this(literal, parts, null, null);
    }

    private ValueTemplate(JsonNode literal, List<Part> parts, Map<String, ValueTemplate> fields,
                          List<ValueTemplate> elements) {
        this.literal = literal;
        this.parts = parts;
        this.fields = fields;
        this.elements = elements;
    }

    /**
     * A value as written: text is parsed for placeholders, other scalars (number, boolean, null) are used
     * as they are, objects and lists become templates of their members.
     */
    public static ValueTemplate literal(JsonNode value) {
        Objects.requireNonNull(value, "value");
        if (value.isTextual()) {
            return parse(value.asText());
        }
        if (value.isObject()) {
            Map<String, ValueTemplate> members = new java.util.LinkedHashMap<>();
            value.properties().forEach(e -> members.put(e.getKey(), literal(e.getValue())));
            return object(members);
        }
        if (value.isArray()) {
            List<ValueTemplate> items = new ArrayList<>();
            value.forEach(e -> items.add(literal(e)));
            return array(items);
        }
        return new ValueTemplate(value, List.of());
    }

    /** A JSON object whose members are templates. */
    public static ValueTemplate object(Map<String, ValueTemplate> members) {
        return new ValueTemplate(null, List.of(), Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members)), null);
    }

    /** A JSON list whose elements are templates. */
    public static ValueTemplate array(List<ValueTemplate> items) {
        return new ValueTemplate(null, List.of(), null, List.copyOf(items));
    }

    /** An object or a list (format 2 bodies); {@link #fields()} or {@link #elements()} say what is in it. */
    public boolean isContainer() {
        return fields != null || elements != null;
    }

    /** The members when this is an object; empty otherwise. */
    public java.util.Optional<Map<String, ValueTemplate>> fields() {
        return java.util.Optional.ofNullable(fields);
    }

    /** The elements when this is a list; empty otherwise. */
    public java.util.Optional<List<ValueTemplate>> elements() {
        return java.util.Optional.ofNullable(elements);
    }

    /** Exactly one placeholder and nothing else: the value takes the input's own type. */
    public java.util.Optional<String> wholePlaceholder() {
        return !isContainer() && literal == null && parts.size() == 1 && parts.get(0).placeholder()
                ? java.util.Optional.of(parts.get(0).text()) : java.util.Optional.empty();
    }

    /** Parses text with {@code ${name}} placeholders; throws on an unclosed or empty placeholder. */
    public static ValueTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literalText = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literalText.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed placeholder in '" + text + "' at character " + (i + 1));
                }
                String name = text.substring(i + 2, end).strip();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                    throw new IllegalArgumentException("placeholder '${" + name + "}' in '" + text
                            + "' is not a name (letters, digits, _ . -)");
                }
                if (!literalText.isEmpty()) {
                    parts.add(new Part(literalText.toString(), false));
                    literalText.setLength(0);
                }
                parts.add(new Part(name, true));
                i = end + 1;
            } else {
                literalText.append(text.charAt(i++));
            }
        }
        if (!literalText.isEmpty() || parts.isEmpty()) {
            parts.add(new Part(literalText.toString(), false));
        }
        return new ValueTemplate(null, List.copyOf(parts));
    }

    /** Names of the placeholders, in order of first use, at every depth. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Part::placeholder).forEach(p -> names.add(p.text()));
        if (fields != null) {
            fields.values().forEach(f -> names.addAll(f.placeholders()));
        }
        if (elements != null) {
            elements.forEach(e -> names.addAll(e.placeholders()));
        }
        return Collections.unmodifiableSet(names);
    }

    /** The literal value when there are no placeholders. */
    public boolean isLiteral() {
        return placeholders().isEmpty();
    }

    /** The value without placeholders, as JSON; only for literals. */
    public JsonNode literalValue() {
        if (!isLiteral()) {
            throw new IllegalStateException(this + " has placeholders");
        }
        if (isContainer()) {
            return render(Map.of());
        }
        return literal != null ? literal : JsonNodeFactory.instance.textNode(parts.get(0).text());
    }

    /**
     * The value with the caller's values put in.
     *
     * @throws IllegalArgumentException naming the placeholder without a value and the names given
     */
    public JsonNode render(Map<String, ?> values) {
        if (fields != null) {
            com.fasterxml.jackson.databind.node.ObjectNode object = JsonNodeFactory.instance.objectNode();
            fields.forEach((name, member) -> object.set(name, member.render(values)));
            return object;
        }
        if (elements != null) {
            com.fasterxml.jackson.databind.node.ArrayNode array = JsonNodeFactory.instance.arrayNode();
            elements.forEach(e -> array.add(e.render(values)));
            return array;
        }
        if (literal != null) {
            return literal;
        }
        if (parts.size() == 1 && parts.get(0).placeholder()) {
            return toJson(value(parts.get(0).text(), values));
        }
        StringBuilder b = new StringBuilder();
        for (Part part : parts) {
            b.append(part.placeholder() ? String.valueOf(value(part.text(), values)) : part.text());
        }
        return JsonNodeFactory.instance.textNode(b.toString());
    }

    /** Like {@link #render} but as text, for path, query and header parameters. */
    public String renderText(Map<String, ?> values) {
        JsonNode node = render(values);
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static Object value(String name, Map<String, ?> values) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value for ${" + name + "} (given: "
                    + (values.isEmpty() ? "nothing" : String.join(", ", new TreeSet<>(values.keySet()))) + ")");
        }
        return value;
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger n) {
            return nodes.numberNode(n);
        }
        if (value instanceof BigDecimal n) {
            return nodes.numberNode(n);
        }
        if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        }
        return nodes.textNode(String.valueOf(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueTemplate other && Objects.equals(literal, other.literal) && parts.equals(other.parts)
                && Objects.equals(fields, other.fields) && Objects.equals(elements, other.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(literal, parts, fields, elements);
    }

    /** The form it was written in: {@code ${serial}}, {@code OPEN}, {@code true}. */
    @Override
    public String toString() {
        if (fields != null) {
            StringBuilder b = new StringBuilder("{");
            fields.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(v));
            return b.append('}').toString();
        }
        if (elements != null) {
            return elements.toString();
        }
        if (literal != null) {
            return literal.toString();
        }
        StringBuilder b = new StringBuilder();
        for (Part part : parts) {
            b.append(part.placeholder() ? "${" + part.text() + "}" : part.text().replace("${", "$${"));
        }
        return b.toString();
    }
}
