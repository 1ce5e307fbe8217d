package org.testbench.mdms.binding;

import java.util.Objects;
import java.util.Optional;

/**
 * Something a binding gets wrong, or cannot be sure of, against a catalog. The message names the
 * capability and the reason: {@code command.status: getCommand requires path parameter 'serial', which
 * the binding does not set}.
 *
 * @param subject what the problem is about (a parameter, a pointer, an operation), for comparing the
 *                problems of one binding against two versions of an API
 */
public record BindingProblem(Optional<Capability> capability, Kind kind, Severity severity, String subject,
                             String message) {

    /** ERROR: the bench would fail or misread; WARNING: it may work, a person should check. */
    public enum Severity { ERROR, WARNING }

    public enum Kind {
        UNKNOWN_OPERATION,
        UNKNOWN_PARAMETER,
        UNKNOWN_PLACEHOLDER,
        MISSING_PARAMETER,
        MISSING_BODY,
        UNEXPECTED_BODY,
        UNKNOWN_BODY_FIELD,
        MISSING_BODY_FIELD,
        BAD_BODY_VALUE,
        POINTER_NOT_IN_SCHEMA,
        POINTER_UNCHECKED,
        NO_RESPONSE_SCHEMA,
        MISSING_VALUE,
        ASYNC_WITHOUT_COMMAND_STATUS,
        NOT_ASYNCHRONOUS,
        UNKNOWN_STATE,
        PATTERN_UNCHECKED,
        NOT_BOUND,
        /** A value's map lacks a word the schema's enum allows there (format 2). */
        UNMAPPED_ENUM_VALUE
    }

    public BindingProblem {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
