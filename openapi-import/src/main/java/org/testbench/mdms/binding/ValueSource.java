package org.testbench.mdms.binding;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value the bench reads comes from in the MDMS's answer, and how it is turned into the bench's
 * terms: a JSON Pointer into the body, a response header or a constant (exactly one), then optionally a
 * regular expression's group, a map from the API's words to the bench's, a scale factor.
 * Format 1 knows only pointers ({@link #pointer(JsonPointer)}).
 *
 * <p>Format 2 picks the value the call asked for out of a list or a map keyed by register: the pointer may
 * hold placeholders ({@code /${obis}/value}, see {@link PointerTemplate}), and {@code where} chooses the one
 * element of the list at the pointer whose fields match, {@code item} then pointing into it. No element
 * matching, or more than one, is never guessed: the value is missing and {@link #read} says why.
 *
 * @param map   the API's words to the bench's; empty: the value is taken as it is
 * @param scale a factor a number is multiplied by
 * @param where pointers into an element of the list at {@code pointer} → the text each must have
 * @param item  where the value is in the chosen element; empty: the element itself
 */
public record ValueSource(Optional<JsonPointer> pointer, Optional<String> header, Optional<JsonNode> literal,
                          Optional<Pattern> matches, Map<String, String> map, Optional<BigDecimal> scale,
                          Map<JsonPointer, ValueTemplate> where, Optional<JsonPointer> item) {

    public ValueSource {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(literal, "literal");
        Objects.requireNonNull(matches, "matches");
        map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        Objects.requireNonNull(scale, "scale");
        where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
        Objects.requireNonNull(item, "item");
        if ((!where.isEmpty() || item.isPresent()) && pointer.isEmpty()) {
            throw new IllegalArgumentException("where and item choose an element of the list at a pointer: give the"
                    + " pointer of the list");
        }
        if (item.isPresent() && where.isEmpty()) {
            throw new IllegalArgumentException("item points into the element that 'where' chooses: give where");
        }
        int sources = (pointer.isPresent() ? 1 : 0) + (header.isPresent() ? 1 : 0) + (literal.isPresent() ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("a value has exactly one of pointer, header and literal ("
                    + (sources == 0 ? "none" : sources) + " given)");
        }
        if (matches.isPresent() && matches.get().matcher("").groupCount() != 1) {
            throw new IllegalArgumentException("matches '" + matches.get() + "' needs exactly one group (…), it has "
                    + matches.get().matcher("").groupCount());
        }
    }

    /** A value at a JSON Pointer into the answer's body, taken as it is (all format 1 knows). */
    public static ValueSource pointer(JsonPointer pointer) {
        return new ValueSource(Optional.of(pointer), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    public static ValueSource header(String name) {
        return new ValueSource(Optional.empty(), Optional.of(name), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    public static ValueSource literal(JsonNode value) {
        return new ValueSource(Optional.empty(), Optional.empty(), Optional.of(value), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty());
    }

    public ValueSource withMatches(Pattern pattern) {
        return new ValueSource(pointer, header, literal, Optional.of(pattern), map, scale, where, item);
    }

    public ValueSource withMap(Map<String, String> words) {
        return new ValueSource(pointer, header, literal, matches, words, scale, where, item);
    }

    public ValueSource withScale(BigDecimal factor) {
        return new ValueSource(pointer, header, literal, matches, map, Optional.of(factor), where, item);
    }

    /**
     * The element of the list at the pointer whose fields have these values, and where the value is in it.
     *
     * @param conditions pointers into the element → the text each must have (placeholders allowed)
     * @param inItem     where the value is in the element; empty: the element itself
     */
    public ValueSource withWhere(Map<JsonPointer, ValueTemplate> conditions, Optional<JsonPointer> inItem) {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("where is empty (pointers into the element → values, e.g."
                    + " {/obis: \"${obis}\"})");
        }
        return new ValueSource(pointer, header, literal, matches, map, scale, conditions, inItem);
    }

    /** Only a pointer, nothing done to the value: written as the pointer alone. */
    public boolean isPlainPointer() {
        return pointer.isPresent() && matches.isEmpty() && map.isEmpty() && scale.isEmpty() && where.isEmpty();
    }

    /** What format 1 can say: a plain pointer without placeholders. */
    public boolean fitsFormat1() {
        return isPlainPointer() && !PointerTemplate.hasPlaceholders(pointer.get());
    }

    /** Whether the value is chosen from a list ({@code where}). */
    public boolean selects() {
        return !where.isEmpty();
    }

    /** The placeholders the value is looked up by: in the pointer and in the where conditions. */
    public java.util.Set<String> placeholders() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        pointer.ifPresent(p -> names.addAll(PointerTemplate.placeholders(p)));
        where.values().forEach(t -> names.addAll(t.placeholders()));
        return Collections.unmodifiableSet(names);
    }

    /** What reading a value came to: the value, nothing, or a word the map does not know. */
    public sealed interface Reading {
        record Found(JsonNode value) implements Reading {
        }

        record Missing(String why) implements Reading {
        }

        record Unmapped(String word) implements Reading {
        }

        /** No element of the list has what {@code where} asks for; {@code why} names what was looked for. */
        record NoMatch(String why) implements Reading {
        }

        /** More than one element has it: the bench does not pick one. */
        record Ambiguous(String why) implements Reading {
        }
    }

    /** Reads a value that depends on no input of the call (no placeholders). */
    public Reading read(JsonNode body, Function<String, Optional<String>> headers) {
        return read(body, headers, CallInputs.none());
    }

    /**
     * Reads the value from an answer.
     *
     * @param body    the JSON body, null when there was none or it was not JSON
     * @param headers the response headers by name, case-insensitive
     * @param inputs  the call's inputs, for placeholders in the pointer and in {@code where}
     */
    public Reading read(JsonNode body, Function<String, Optional<String>> headers, CallInputs inputs) {
        JsonNode raw;
        if (literal.isPresent()) {
            raw = literal.get();
        } else if (header.isPresent()) {
            Optional<String> value = headers.apply(header.get());
            if (value.isEmpty()) {
                return new Reading.Missing("no " + header.get() + " header");
            }
            raw = JsonNodeFactory.instance.textNode(value.get());
        } else {
            JsonPointer at;
            try {
                at = PointerTemplate.expand(pointer.get(), inputs.written());
            } catch (IllegalArgumentException noInput) {
                return new Reading.Missing("pointer " + pointer.get() + ": " + noInput.getMessage());
            }
            raw = body == null ? null : body.at(at);
            if (raw == null || raw.isMissingNode()) {
                return new Reading.Missing("nothing at " + at);
            }
            if (!where.isEmpty()) {
                Reading chosen = choose(raw, at, inputs);
                if (!(chosen instanceof Reading.Found found)) {
                    return chosen;
                }
                raw = found.value();
            }
        }
        if (matches.isPresent()) {
            if (!raw.isValueNode() || raw.isNull()) {
                return new Reading.Missing("not a text to match " + matches.get() + " against");
            }
            Matcher m = matches.get().matcher(raw.asText());
            if (!m.find() || m.group(1) == null) {
                return new Reading.Missing("'" + raw.asText() + "' does not match " + matches.get());
            }
            raw = JsonNodeFactory.instance.textNode(m.group(1));
        }
        if (!map.isEmpty() && !raw.isNull()) {
            String word = raw.isValueNode() ? raw.asText() : raw.toString();
            String mapped = map.get(word);
            if (mapped == null) {
                return new Reading.Unmapped(word);
            }
            raw = JsonNodeFactory.instance.textNode(mapped);
        }
        if (scale.isPresent() && raw.isNumber()) {
            raw = JsonNodeFactory.instance.numberNode(raw.decimalValue().multiply(scale.get()).stripTrailingZeros());
        } else if (scale.isPresent() && raw.isTextual() && isNumber(raw.asText())) {
            raw = JsonNodeFactory.instance.numberNode(new BigDecimal(raw.asText().strip()).multiply(scale.get())
                    .stripTrailingZeros());
        }
        return new Reading.Found(raw);
    }

    /** The one element of the list whose fields match {@code where}, or why there is not exactly one. */
    private Reading choose(JsonNode list, JsonPointer at, CallInputs inputs) {
        String wanted = wanted(inputs);
        if (!list.isArray()) {
            return new Reading.Missing("the answer has a " + list.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " at " + at + ", not a list to choose " + wanted + " from");
        }
        java.util.List<Integer> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            boolean all;
            try {
                all = where.entrySet().stream().allMatch(c -> inputs.matches(c.getValue(), element.at(c.getKey())));
            } catch (IllegalArgumentException noInput) {
                return new Reading.Missing("where " + wanted + ": " + noInput.getMessage());
            }
            if (all) {
                chosen.add(i);
            }
        }
        if (chosen.isEmpty()) {
            return new Reading.NoMatch("no element of " + at + " has " + wanted + " (" + seen(list) + ")");
        }
        if (chosen.size() > 1) {
            return new Reading.Ambiguous(chosen.size() + " elements of " + at + " have " + wanted + " (elements "
                    + chosen.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        JsonNode element = list.get(chosen.get(0));
        if (item.isEmpty()) {
            return new Reading.Found(element);
        }
        JsonNode value = element.at(item.get());
        return value.isMissingNode() ? new Reading.Missing("element " + chosen.get(0) + " of " + at + ", the one with "
                + wanted + ", has nothing at " + item.get()) : new Reading.Found(value);
    }

    /** What {@code where} looks for, in words: {@code /obis = 1-0:1.8.0 and /medium = electricity}. */
    private String wanted(CallInputs inputs) {
        return where.entrySet().stream().map(c -> c.getKey() + " = " + inputs.describe(c.getValue()))
                .collect(java.util.stream.Collectors.joining(" and "));
    }

    /** The values the list has at the first condition's pointer, a few of them: what the API offered instead. */
    private String seen(JsonNode list) {
        if (list.isEmpty()) {
            return "the list is empty";
        }
        JsonPointer first = where.keySet().iterator().next();
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode element : list) {
            JsonNode v = element.at(first);
            values.add(v.isMissingNode() ? "nothing" : v.isValueNode() ? v.asText() : v.toString());
        }
        int shown = Math.min(values.size(), 8);
        return "it has " + first + " = " + String.join(", ", values.subList(0, shown))
                + (values.size() > shown ? ", … (" + values.size() + " elements)" : "");
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        // Pattern has no equals of its own: two sources are the same when their expressions are.
        return o instanceof ValueSource v && pointer.equals(v.pointer) && header.equals(v.header)
                && literal.equals(v.literal) && matches.map(Pattern::pattern).equals(v.matches.map(Pattern::pattern))
                && map.equals(v.map) && scale.equals(v.scale) && where.equals(v.where) && item.equals(v.item);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pointer, header, literal, matches.map(Pattern::pattern), map, scale, where, item);
    }

    /** As written in a binding: {@code /status}, {@code {header: Location, matches: …}}. */
    @Override
    public String toString() {
        if (isPlainPointer()) {
            return pointer.get().toString();
        }
        StringBuilder b = new StringBuilder("{");
        pointer.ifPresent(p -> b.append("pointer: ").append(p));
        if (!where.isEmpty()) {
            b.append(", where: {");
            where.forEach((p, t) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append(p).append(": ")
                    .append(t));
            b.append('}');
        }
        item.ifPresent(p -> b.append(", item: ").append(p));
        header.ifPresent(h -> b.append("header: ").append(h));
        literal.ifPresent(l -> b.append("literal: ").append(l.isTextual() ? l.asText() : l.toString()));
        matches.ifPresent(m -> b.append(", matches: ").append(m));
        if (!map.isEmpty()) {
            b.append(", map: ").append(map);
        }
        scale.ifPresent(s -> b.append(", scale: ").append(s.toPlainString()));
        return b.append('}').toString();
    }
}
