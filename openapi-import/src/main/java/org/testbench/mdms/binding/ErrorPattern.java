package org.testbench.mdms.binding;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.testbench.mdms.catalog.ResponseStatus;

/**
 * Recognises an answer that means "the meter could not be reached", as the MDMS words it: by status
 * code ({@code 504}, {@code 5XX}), by a value in the body ({@code /code} equals
 * {@code METER_UNREACHABLE}), by a regular expression, or several of these together (all must hold).
 * Without {@code pointer}, {@code matches} is applied to the raw body text (for HTML and plain text).
 * The same shape says "no such meter" for a {@code notFound} rule, where {@code empty} also recognises a
 * search that found nothing ({@code /items} is {@code []}).
 */
public final class ErrorPattern {

    private final List<ResponseStatus> statuses;
    private final JsonPointer pointer;
    private final String equalsValue;
    private final Pattern matches;
    private final boolean empty;

    private ErrorPattern(List<ResponseStatus> statuses, JsonPointer pointer, String equalsValue, Pattern matches,
                         boolean empty) {
        this.statuses = List.copyOf(statuses);
        this.pointer = pointer;
        this.equalsValue = equalsValue;
        this.matches = matches;
        this.empty = empty;
    }

    /**
     * @param statuses codes or ranges that must match (any of them); empty for any status
     * @param pointer  where in the JSON body to look; null for the whole body
     * @param equalsValue the exact text expected at {@code pointer}; null for any
     * @param regex    a regular expression that must be found in the value (or body); null for any
     */
    public static ErrorPattern of(List<ResponseStatus> statuses, JsonPointer pointer, String equalsValue, String regex) {
        return of(statuses, pointer, equalsValue, regex, false);
    }

    /**
     * @param empty the value at {@code pointer} is absent, null, or an empty list, object or text (a search that
     *              found nothing); needs a pointer, and neither {@code equals} nor {@code matches}
     */
    public static ErrorPattern of(List<ResponseStatus> statuses, JsonPointer pointer, String equalsValue, String regex,
                                  boolean empty) {
        if (empty && pointer == null) {
            throw new IllegalArgumentException("'empty' needs a 'pointer' to the value that is empty");
        }
        if (empty && (equalsValue != null || regex != null)) {
            throw new IllegalArgumentException("'empty' cannot be combined with 'equals' or 'matches'");
        }
        if (statuses.isEmpty() && pointer == null && equalsValue == null && regex == null) {
            throw new IllegalArgumentException("an error pattern needs a status, a pointer with a value, or a regex");
        }
        if (equalsValue != null && pointer == null) {
            throw new IllegalArgumentException("'equals' needs a 'pointer' to compare the value at");
        }
        if (pointer != null && equalsValue == null && regex == null && !empty) {
            throw new IllegalArgumentException("'pointer' " + pointer + " needs 'equals', 'matches' or 'empty: true'");
        }
        Pattern compiled = null;
        if (regex != null) {
            try {
                compiled = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'matches' is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex(), e);
            }
        }
        return new ErrorPattern(statuses, pointer, equalsValue, compiled, empty);
    }

    public static ErrorPattern status(int code) {
        return of(List.of(ResponseStatus.of(code)), null, null, null);
    }

    public List<ResponseStatus> statuses() {
        return statuses;
    }

    public Optional<JsonPointer> pointer() {
        return Optional.ofNullable(pointer);
    }

    public Optional<String> equalsValue() {
        return Optional.ofNullable(equalsValue);
    }

    public Optional<String> regex() {
        return Optional.ofNullable(matches).map(Pattern::pattern);
    }

    /** Whether the pattern holds when the value at its pointer is absent, null or empty. */
    public boolean empty() {
        return empty;
    }

    /**
     * @param body    the parsed JSON body, or null when the body is not JSON
     * @param rawBody the body as text (possibly an excerpt), or "" when there was none
     */
    public boolean test(int status, JsonNode body, String rawBody) {
        if (!statuses.isEmpty() && statuses.stream().noneMatch(s -> s.matches(status))) {
            return false;
        }
        if (pointer != null) {
            JsonNode value = body == null ? null : body.at(pointer);
            if (empty) {
                // Only a JSON answer can say "nothing found"; an HTML page has no empty list.
                return body != null && !body.isMissingNode() && (value.isMissingNode() || value.isNull() || value.isContainerNode()
                        && value.isEmpty() || value.isTextual() && value.asText().isEmpty());
            }
            if (value == null || value.isMissingNode() || value.isNull() || value.isContainerNode()) {
                return false;
            }
            String text = value.asText();
            return (equalsValue == null || equalsValue.equals(text)) && (matches == null || matches.matcher(text).find());
        }
        return matches == null || matches.matcher(rawBody == null ? "" : rawBody).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorPattern other && statuses.equals(other.statuses)
                && Objects.equals(String.valueOf(pointer), String.valueOf(other.pointer))
                && Objects.equals(equalsValue, other.equalsValue)
                && Objects.equals(regex(), other.regex()) && empty == other.empty;
    }

    @Override
    public int hashCode() {
        return Objects.hash(statuses, String.valueOf(pointer), equalsValue, regex(), empty);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (!statuses.isEmpty()) {
            b.append("status ").append(statuses.size() == 1 ? statuses.get(0) : statuses);
        }
        if (pointer != null) {
            b.append(b.isEmpty() ? "" : " and ").append(pointer);
            if (equalsValue != null) {
                b.append(" = ").append(equalsValue);
            }
            if (matches != null) {
                b.append(" ~ /").append(matches.pattern()).append('/');
            }
            if (empty) {
                b.append(" is empty");
            }
        } else if (matches != null) {
            b.append(b.isEmpty() ? "" : " and ").append("body ~ /").append(matches.pattern()).append('/');
        }
        return b.toString();
    }
}
