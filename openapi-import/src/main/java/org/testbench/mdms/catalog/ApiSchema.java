package org.testbench.mdms.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON Schema from the document (a body, a parameter), with the components its {@code $ref}s point
 * into. Answers the questions the bench asks of a schema — which properties, does a JSON Pointer lead
 * somewhere — following {@code $ref}, {@code allOf}, {@code anyOf} and {@code oneOf}.
 */
public final class ApiSchema {

    /** Deeper than any real schema; stops reference cycles ({@code Node → children → Node}). */
    private static final int MAX_DEPTH = 64;
    private static final Set<String> SCALAR_TYPES = Set.of("string", "number", "integer", "boolean", "null");

    private final JsonNode node;
    private final SchemaComponents components;

    /** @param node the schema tree (not copied: the caller gives it up) */
    public ApiSchema(JsonNode node, SchemaComponents components) {
        this.node = Objects.requireNonNull(node, "node");
        this.components = Objects.requireNonNull(components, "components");
    }

    public SchemaDialect dialect() {
        return components.dialect();
    }

    public SchemaComponents components() {
        return components;
    }

    /** A copy of the schema tree; {@code $ref}s still point into {@link #components()}. */
    public JsonNode json() {
        return node.deepCopy();
    }

    /** The component name when the schema is a plain {@code $ref} to {@code #/components/schemas/Name}. */
    public Optional<String> componentName() {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.isTextual()) {
            return Optional.empty();
        }
        String text = ref.asText();
        int slash = text.lastIndexOf('/');
        return text.startsWith("#/components/schemas/") ? Optional.of(text.substring(slash + 1)) : Optional.empty();
    }

    /** The {@code type} after following references, or empty when the schema does not say. */
    public Optional<String> type() {
        JsonNode resolved = deref(node, 0);
        JsonNode type = resolved == null ? null : resolved.get("type");
        if (type == null) {
            return Optional.empty();
        }
        if (type.isArray()) {
            // 3.1 writes nullable as ["string", "null"]: the other entry is the type that matters.
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return Optional.of(t.asText());
                }
            }
            return Optional.of("null");
        }
        return Optional.of(type.asText());
    }

    /** The values of {@code enum} (or the one of {@code const}) as text; empty when the schema lists none. */
    public List<String> enumValues() {
        JsonNode resolved = deref(node, 0);
        if (resolved == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        resolved.path("enum").forEach(v -> values.add(v.asText()));
        if (resolved.has("const")) {
            values.add(resolved.get("const").asText());
        }
        return List.copyOf(values);
    }

    /** Names of the object's properties, including those from {@code allOf}/{@code anyOf}/{@code oneOf}. */
    public Set<String> propertyNames() {
        Set<String> names = new LinkedHashSet<>();
        collectProperties(node, names, 0);
        return names;
    }

    /** The schema of one property, if the object declares it. */
    public Optional<ApiSchema> property(String name) {
        return Optional.ofNullable(findProperty(node, name, 0)).map(p -> new ApiSchema(p, components));
    }

    /** The element schema of an array ({@code items}), following references. */
    public Optional<ApiSchema> items() {
        JsonNode resolved = deref(node, 0);
        JsonNode items = resolved == null ? null : resolved.get("items");
        return items != null && items.isObject() ? Optional.of(new ApiSchema(items, components)) : Optional.empty();
    }

    /** The schema of the properties an object does not declare ({@code additionalProperties}), when it gives one. */
    public Optional<ApiSchema> additionalProperties() {
        JsonNode resolved = deref(node, 0);
        JsonNode additional = resolved == null ? null : resolved.get("additionalProperties");
        return additional != null && additional.isObject() ? Optional.of(new ApiSchema(additional, components)) : Optional.empty();
    }

    /** Names listed in {@code required}, including those from {@code allOf}. */
    public Set<String> requiredProperties() {
        Set<String> names = new LinkedHashSet<>();
        collectRequired(node, names, 0);
        return names;
    }

    /** Whether a JSON document valid against this schema can have something at {@code pointer}. */
    public PointerCheck check(JsonPointer pointer) {
        return check(node, pointer, 0);
    }

    private PointerCheck check(JsonNode schema, JsonPointer pointer, int depth) {
        if (pointer.matches()) {
            return PointerCheck.DECLARED;
        }
        JsonNode s = deref(schema, depth);
        if (s == null || depth > MAX_DEPTH) {
            return PointerCheck.UNDETERMINED;
        }
        if (s.isBoolean()) {
            return s.booleanValue() ? PointerCheck.UNDETERMINED : PointerCheck.ABSENT;
        }
        String token = pointer.getMatchingProperty();
        JsonPointer tail = pointer.tail();
        PointerCheck best = PointerCheck.ABSENT;
        boolean constrained = false;
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            JsonNode subs = s.get(combinator);
            if (subs != null && subs.isArray()) {
                constrained = true;
                for (JsonNode sub : subs) {
                    best = best.or(check(sub, pointer, depth + 1));
                }
            }
        }
        JsonNode properties = s.get("properties");
        if (properties != null && properties.isObject()) {
            constrained = true;
            if (properties.has(token)) {
                best = best.or(check(properties.get(token), tail, depth + 1));
            }
        }
        JsonNode items = s.get("items");
        if (items != null) {
            constrained = true;
            if (isIndex(token)) {
                best = best.or(items.isObject() ? check(items, tail, depth + 1) : PointerCheck.UNDETERMINED);
            }
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && (properties == null || !properties.has(token))) {
            constrained = true;
            if (additional.isObject()) {
                best = best.or(check(additional, tail, depth + 1));
            } else if (additional.asBoolean(true)) {
                best = best.or(PointerCheck.UNDETERMINED);
            }
        }
        if (!constrained) {
            return type(s).filter(SCALAR_TYPES::contains).isPresent() ? PointerCheck.ABSENT : PointerCheck.UNDETERMINED;
        }
        return best;
    }

    private static Optional<String> type(JsonNode s) {
        JsonNode type = s.get("type");
        if (type == null) {
            return Optional.empty();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!SCALAR_TYPES.contains(t.asText())) {
                    return Optional.of(t.asText());
                }
            }
            return type.isEmpty() ? Optional.empty() : Optional.of(type.get(0).asText());
        }
        return Optional.of(type.asText());
    }

    private static boolean isIndex(String token) {
        return token.equals("-") || (!token.isEmpty() && token.chars().allMatch(Character::isDigit));
    }

    private void collectProperties(JsonNode schema, Set<String> names, int depth) {
        JsonNode s = deref(schema, depth);
        if (s == null || depth > MAX_DEPTH) {
            return;
        }
        JsonNode properties = s.get("properties");
        if (properties != null) {
            properties.fieldNames().forEachRemaining(names::add);
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode sub : s.path(combinator)) {
                collectProperties(sub, names, depth + 1);
            }
        }
    }

    private JsonNode findProperty(JsonNode schema, String name, int depth) {
        JsonNode s = deref(schema, depth);
        if (s == null || depth > MAX_DEPTH) {
            return null;
        }
        JsonNode direct = s.path("properties").get(name);
        if (direct != null) {
            return direct;
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode sub : s.path(combinator)) {
                JsonNode found = findProperty(sub, name, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void collectRequired(JsonNode schema, Set<String> names, int depth) {
        JsonNode s = deref(schema, depth);
        if (s == null || depth > MAX_DEPTH) {
            return;
        }
        for (JsonNode name : s.path("required")) {
            names.add(name.asText());
        }
        for (JsonNode sub : s.path("allOf")) {
            collectRequired(sub, names, depth + 1);
        }
    }

    private JsonNode deref(JsonNode schema, int depth) {
        JsonNode s = schema;
        for (int hops = 0; s != null && s.has("$ref") && hops + depth <= MAX_DEPTH; hops++) {
            s = components.resolve(s.get("$ref").asText());
        }
        return s;
    }

    @Override
    public String toString() {
        return componentName().map(n -> "schema " + n).orElse("inline schema");
    }
}
