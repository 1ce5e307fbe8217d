package org.testbench.lab.bench;

import java.util.Objects;

/**
 * One entry of the error queue: a code and what was wrong, e.g.
 * {@code -222,"Data out of range; position 9 (1..4)"}.
 *
 * @param detail what was wrong, or empty; never contains a double quote (see {@link ScpiText})
 */
record ScpiError(ScpiErrorCode code, String detail) {

    /** The reply of {@code SYSTem:ERRor?} when the queue is empty. */
    static final String NO_ERROR_REPLY = "0,\"No error\"";

    /** SCPI-99 limits an error description to 255 characters. */
    private static final int MAX_MESSAGE_LENGTH = 255;

    ScpiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    static ScpiError of(ScpiErrorCode code, String detail) {
        return new ScpiError(code, ScpiText.quotable(detail));
    }

    /** The standard message and the detail: {@code Data out of range; position 9 (1..4)}. */
    String message() {
        String message = detail.isEmpty() ? code.message() : code.message() + "; " + detail;
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }

    /** The line {@code SYSTem:ERRor?} answers: {@code CODE,"MESSAGE"}. */
    String toReply() {
        return code.code() + ",\"" + message() + "\"";
    }

    @Override
    public String toString() {
        return toReply();
    }
}
