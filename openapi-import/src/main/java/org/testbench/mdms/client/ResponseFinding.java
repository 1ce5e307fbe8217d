package org.testbench.mdms.client;

import java.util.Objects;

/** One quality problem of an answer, with a sentence saying what was seen. */
public record ResponseFinding(FindingKind kind, String message) {

    public ResponseFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
