package org.testbench.mdms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an error body useful to a person: a field with a message. Shared by the audit (does the
 * documented error schema have one?) and the client (does this answer carry one?), so both judge alike.
 */
public final class ErrorBodies {

    /** Field names that carry a human-readable explanation, lower case. */
    private static final Set<String> MESSAGE_FIELDS = Set.of("message", "msg", "detail", "details", "title",
            "description", "error_description", "errormessage", "errortext", "error_message", "reason", "text");
    /** Wrappers that hold the error object: {@code {"error": {"message": …}}}. */
    private static final List<String> WRAPPERS = List.of("error", "errors", "fault", "problem");

    private ErrorBodies() {
    }

    /** Whether a property name is one of the message fields, ignoring case. */
    public static boolean isMessageField(String name) {
        return MESSAGE_FIELDS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Wrapper properties (such as {@code error}) that may hold the message fields one level down. */
    public static List<String> wrappers() {
        return WRAPPERS;
    }

    /**
     * The first non-blank message in an answer's body: a message field at the top, inside a wrapper
     * object, or inside the first element of a wrapper list; or a bare error string ({@code "error": "…"}).
     */
    public static Optional<String> message(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        Optional<String> problem = problemDetail(body);
        if (problem.isPresent()) {
            return problem;
        }
        Optional<String> direct = messageField(body);
        if (direct.isPresent()) {
            return direct;
        }
        for (String wrapper : WRAPPERS) {
            JsonNode inner = body.get(wrapper);
            if (inner == null) {
                continue;
            }
            if (inner.isTextual() && !inner.asText().isBlank()) {
                return Optional.of(inner.asText());
            }
            JsonNode candidate = inner.isArray() && !inner.isEmpty() ? inner.get(0) : inner;
            Optional<String> nested = candidate.isObject() ? messageField(candidate) : Optional.empty();
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    /**
     * An RFC 7807 problem: its {@code title} names the kind of problem, its {@code detail} this occurrence;
     * the detail is what a person needs, so it is shown (after the title when both are there).
     */
    private static Optional<String> problemDetail(JsonNode body) {
        JsonNode detail = body.get("detail");
        if (detail == null || !detail.isTextual() || detail.asText().isBlank() || !(body.has("type") || body.has("title"))) {
            return Optional.empty();
        }
        JsonNode title = body.get("title");
        boolean titled = title != null && title.isTextual() && !title.asText().isBlank()
                && !detail.asText().contains(title.asText());
        return Optional.of(titled ? title.asText() + ": " + detail.asText() : detail.asText());
    }

    private static Optional<String> messageField(JsonNode object) {
        for (var field : object.properties()) {
            JsonNode value = field.getValue();
            if (isMessageField(field.getKey()) && value.isTextual() && !value.asText().isBlank()) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }
}
