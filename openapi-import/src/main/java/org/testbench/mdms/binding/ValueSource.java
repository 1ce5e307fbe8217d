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
 * @param map   the API's words to the bench's; empty: the value is taken as it is
 * @param scale a factor a number is multiplied by
 */
public record ValueSource(Optional<JsonPointer> pointer, Optional<String> header, Optional<JsonNode> literal,
                          Optional<Pattern> matches, Map<String, String> map, Optional<BigDecimal> scale) {

    public ValueSource {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(literal, "literal");
        Objects.requireNonNull(matches, "matches");
        map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        Objects.requireNonNull(scale, "scale");
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
                Optional.empty());
    }

    public static ValueSource header(String name) {
        return new ValueSource(Optional.empty(), Optional.of(name), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty());
    }

    public static ValueSource literal(JsonNode value) {
        return new ValueSource(Optional.empty(), Optional.empty(), Optional.of(value), Optional.empty(), Map.of(),
                Optional.empty());
    }

    public ValueSource withMatches(Pattern pattern) {
        return new ValueSource(pointer, header, literal, Optional.of(pattern), map, scale);
    }

    public ValueSource withMap(Map<String, String> words) {
        return new ValueSource(pointer, header, literal, matches, words, scale);
    }

    public ValueSource withScale(BigDecimal factor) {
        return new ValueSource(pointer, header, literal, matches, map, Optional.of(factor));
    }

    /** Only a pointer, nothing done to the value: what format 1 can write. */
    public boolean isPlainPointer() {
        return pointer.isPresent() && matches.isEmpty() && map.isEmpty() && scale.isEmpty();
    }

    /** What reading a value came to: the value, nothing, or a word the map does not know. */
    public sealed interface Reading {
        record Found(JsonNode value) implements Reading {
        }

        record Missing(String why) implements Reading {
        }

        record Unmapped(String word) implements Reading {
        }
    }

    /**
     * Reads the value from an answer.
     *
     * @param body    the JSON body, null when there was none or it was not JSON
     * @param headers the response headers by name, case-insensitive
     */
    public Reading read(JsonNode body, Function<String, Optional<String>> headers) {
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
            raw = body == null ? null : body.at(pointer.get());
            if (raw == null || raw.isMissingNode()) {
                return new Reading.Missing("nothing at " + pointer.get());
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
                && map.equals(v.map) && scale.equals(v.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pointer, header, literal, matches.map(Pattern::pattern), map, scale);
    }

    /** As written in a binding: {@code /status}, {@code {header: Location, matches: …}}. */
    @Override
    public String toString() {
        if (isPlainPointer()) {
            return pointer.get().toString();
        }
        StringBuilder b = new StringBuilder("{");
        pointer.ifPresent(p -> b.append("pointer: ").append(p));
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
