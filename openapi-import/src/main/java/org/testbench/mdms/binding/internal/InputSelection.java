package org.testbench.mdms.binding.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testbench.mdms.binding.InputRule.ObisForm;
import org.testbench.mdms.binding.ValueSource;
import org.testbench.mdms.binding.ValueTemplate;
import org.testbench.mdms.binding.internal.suggest.RegisterCodes;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.internal.LocatedTreeReader;

/**
 * For the suggester: where an answer holds the value the call asked for, when it holds more than one —
 * the element of a list whose code is the register asked for ({@code where: {/obis: "${obis}"}}), or the
 * key of a map named by the register ({@code /registers/${obis}/value}). Read from the answer's schema and
 * the spec's examples; the first element of a list is never taken for the one asked for.
 */
final class InputSelection {

    /** An object keyed by register is looked for this deep: the answer, an envelope, a map in it. */
    private static final int KEYED_DEPTH = 2;
    private static final List<String> VALUE_NAMES = List.of("value", "reading", "val");

    /**
     * A list and what its elements are chosen by.
     *
     * @param list  the list's pointer in the answer
     * @param where pointers into an element → the text it must have
     */
    record ListChoice(JsonPointer list, Map<JsonPointer, ValueTemplate> where) {

        /** A value found in the list's first element ({@code /readings/0/unit}), read from the element chosen instead. */
        Optional<ValueSource> rewrite(JsonPointer found) {
            List<String> tokens = tokens(found);
            List<String> list = tokens(this.list);
            if (tokens.size() <= list.size() || !tokens.subList(0, list.size()).equals(list)
                    || !tokens.get(list.size()).equals("0")) {
                return Optional.empty();
            }
            List<String> rest = tokens.subList(list.size() + 1, tokens.size());
            return Optional.of(ValueSource.pointer(this.list).withWhere(where,
                    rest.isEmpty() ? Optional.empty() : Optional.of(pointer(rest))));
        }
    }

    /**
     * The code property of a list's elements and how the API writes codes.
     *
     * @param key     the property in the element ({@code /obis})
     * @param form    the form the examples show; empty when none shows it
     */
    record RegisterKey(JsonPointer key, Optional<ObisForm> form) {
    }

    /**
     * A map keyed by register.
     *
     * @param template where the value is, with the placeholder ({@code /registers/${obis}/value})
     * @param sample   one concrete register's value in the schema, to read its description
     * @param form     the form the keys are written in; empty when neither names nor examples show it
     * @param others   where the register's other fields are ({@code unit} → {@code /registers/${obis}/unit})
     */
    record Keyed(JsonPointer template, JsonPointer sample, Optional<ObisForm> form, Map<String, JsonPointer> others) {
    }

    private InputSelection() {
    }

    /** The list a value was found through ({@code /readings} for {@code /readings/0/value}), the first one. */
    static Optional<JsonPointer> listOf(ApiSchema answer, JsonPointer found) {
        List<String> tokens = tokens(found);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("0")) {
                JsonPointer list = pointer(tokens.subList(0, i));
                if (BindingValidator.at(answer, list).flatMap(ApiSchema::items).isPresent()) {
                    return Optional.of(list);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The property of the list's elements that holds the register's code: one named for OBIS, or one
     * named like a code ({@code code}, {@code register}, {@code channel}, {@code id}) whose examples are codes.
     */
    static Optional<RegisterKey> registerKey(ApiSchema answer, JsonPointer list, List<JsonNode> documents) {
        Optional<ApiSchema> items = BindingValidator.at(answer, list).flatMap(ApiSchema::items);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegisterKey> named = Optional.empty();
        for (String name : items.get().propertyNames()) {
            Optional<ApiSchema> property = items.get().property(name);
            if (property.isEmpty() || !RegisterCodes.mayNameCode(name) || !scalar(property.get())) {
                continue;
            }
            JsonPointer key = pointer(List.of(name));
            List<String> examples = examples(items.get(), property.get(), list, key, documents);
            Optional<ObisForm> form = RegisterCodes.formOf(examples);
            if (!examples.isEmpty() && form.isPresent()) {
                return Optional.of(new RegisterKey(key, form));
            }
            if (RegisterCodes.namedForObis(name) && examples.isEmpty() && named.isEmpty()) {
                named = Optional.of(new RegisterKey(key, Optional.empty()));
            }
        }
        return named;
    }

    /** The property of the list's elements that holds the meter's serial, by the name a search parameter has. */
    static Optional<JsonPointer> serialKey(ApiSchema answer, JsonPointer list, JsonPointer serialFound) {
        List<String> tokens = tokens(serialFound);
        List<String> at = tokens(list);
        if (tokens.size() != at.size() + 2) {
            return Optional.empty(); // the serial is a field of the element itself, not deeper
        }
        return Optional.of(pointer(tokens.subList(at.size() + 1, tokens.size())));
    }

    /**
     * An object (the answer, or one in it) whose keys are register codes: properties named {@code 1.8.0}, or
     * {@code additionalProperties} whose examples' keys are codes (or, without examples, in a map named for
     * registers). Its values are numbers, or objects with a value.
     */
    static Optional<Keyed> keyedByRegister(ApiSchema answer, List<JsonNode> documents, Map<String, List<String>> fields) {
        record Step(ApiSchema schema, List<String> at) {
        }
        Deque<Step> queue = new ArrayDeque<>();
        queue.add(new Step(answer, List.of()));
        while (!queue.isEmpty()) {
            Step step = queue.removeFirst();
            Optional<Keyed> keyed = keyed(step.schema(), step.at(), documents, fields);
            if (keyed.isPresent()) {
                return keyed;
            }
            if (step.at().size() < KEYED_DEPTH) {
                for (String name : step.schema().propertyNames()) {
                    List<String> at = new ArrayList<>(step.at());
                    at.add(name);
                    step.schema().property(name).ifPresent(p -> queue.add(new Step(p, at)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Keyed> keyed(ApiSchema object, List<String> at, List<JsonNode> documents,
                                         Map<String, List<String>> fields) {
        List<String> codes = object.propertyNames().stream().filter(n -> RegisterCodes.form(n).isPresent()).toList();
        if (!codes.isEmpty()) {
            Optional<ObisForm> form = RegisterCodes.formOf(codes);
            Optional<ApiSchema> sample = object.property(codes.get(0));
            Optional<List<String>> item = sample.flatMap(InputSelection::valueIn);
            if (form.isPresent() && item.isPresent()) {
                return Optional.of(keyed(at, codes.get(0), item.get(), form, others(sample.get(), fields)));
            }
            return Optional.empty();
        }
        Optional<ApiSchema> additional = object.additionalProperties();
        if (additional.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        JsonPointer here = pointer(at);
        documents.forEach(d -> d.at(here).fieldNames().forEachRemaining(keys::add));
        JsonNode example = object.json().get("example");
        if (example != null && example.isObject()) {
            example.fieldNames().forEachRemaining(keys::add);
        }
        Optional<ObisForm> form = RegisterCodes.formOf(keys);
        boolean named = !at.isEmpty() && RegisterCodes.namedForRegisters(at.get(at.size() - 1));
        if ((keys.isEmpty() || form.isEmpty()) && !(keys.isEmpty() && named)) {
            return Optional.empty();
        }
        Optional<List<String>> item = valueIn(additional.get());
        return item.map(i -> keyed(at, keys.isEmpty() ? "" : keys.get(0), i, keys.isEmpty() ? Optional.empty() : form,
                others(additional.get(), fields)));
    }

    /** The fields of a register's object beside its value, by the names the bench reads them under. */
    private static Map<String, List<String>> others(ApiSchema element, Map<String, List<String>> fields) {
        Map<String, List<String>> found = new java.util.LinkedHashMap<>();
        fields.forEach((name, candidates) -> candidates.stream().flatMap(c -> element.propertyNames().stream()
                .filter(c::equalsIgnoreCase)).findFirst().ifPresent(p -> found.put(name, List.of(p))));
        return found;
    }

    private static Keyed keyed(List<String> at, String sampleKey, List<String> item, Optional<ObisForm> form,
                               Map<String, List<String>> fields) {
        List<String> template = new ArrayList<>(at);
        template.add("${obis}");
        template.addAll(item);
        List<String> sample = new ArrayList<>(at);
        sample.add(sampleKey);
        sample.addAll(item);
        Map<String, JsonPointer> others = new java.util.LinkedHashMap<>();
        fields.forEach((name, field) -> {
            List<String> tokens = new ArrayList<>(template.subList(0, at.size() + 1));
            tokens.addAll(field);
            others.put(name, pointer(tokens));
        });
        return new Keyed(pointer(template), pointer(sample), form, others);
    }

    /** Where a register's value is in what the map holds for it: itself (a number), or its {@code value}. */
    private static Optional<List<String>> valueIn(ApiSchema schema) {
        if (schema.type().filter(t -> t.equals("number") || t.equals("integer")).isPresent()) {
            return Optional.of(List.of());
        }
        for (String name : schema.propertyNames()) {
            if (VALUE_NAMES.stream().anyMatch(name::equalsIgnoreCase)) {
                return Optional.of(List.of(name));
            }
        }
        return schema.type().isEmpty() && schema.propertyNames().isEmpty() && schema.json().has("description")
                ? Optional.of(List.of()) : Optional.empty();
    }

    private static boolean scalar(ApiSchema schema) {
        return schema.type().map(t -> t.equals("string") || t.equals("integer")).orElse(true)
                && schema.propertyNames().isEmpty();
    }

    /** The texts the spec shows for a code property: its examples and enum, the element's and the answer's examples. */
    private static List<String> examples(ApiSchema items, ApiSchema property, JsonPointer list, JsonPointer key,
                                         List<JsonNode> documents) {
        List<String> texts = new ArrayList<>(org.testbench.mdms.binding.internal.suggest.IdTemplate.examples(Optional.of(property)));
        texts.addAll(property.enumValues());
        text(items.json().get("example"), key, texts);
        for (JsonNode document : documents) {
            JsonNode elements = document.at(list);
            for (Iterator<JsonNode> it = elements.isArray() ? elements.elements() : List.<JsonNode>of().iterator(); it.hasNext(); ) {
                text(it.next(), key, texts);
            }
        }
        return texts;
    }

    private static void text(JsonNode node, JsonPointer key, List<String> into) {
        JsonNode value = node == null ? null : node.at(key);
        if (value != null && value.isValueNode() && !value.asText().isBlank()) {
            into.add(value.asText());
        }
    }

    static List<String> tokens(JsonPointer pointer) {
        List<String> tokens = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            tokens.add(p.getMatchingProperty());
        }
        return tokens;
    }

    static JsonPointer pointer(List<String> tokens) {
        StringBuilder b = new StringBuilder();
        tokens.forEach(t -> b.append('/').append(LocatedTreeReader.escape(t)));
        return JsonPointer.compile(b.toString());
    }
}
