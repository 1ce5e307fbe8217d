package org.testbench.sequences.outcome;

import java.util.List;
import java.util.Objects;

/**
 * One proven misbehaviour: its type, a sentence a technician can act on, and the evidence excerpts
 * that prove it (request/response excerpts with secrets removed, meter readings, bench readings).
 */
public record Finding(FindingType type, String message, List<String> evidence) {

    public Finding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
    }

    public static Finding of(FindingType type, String message, String... evidence) {
        return new Finding(type, message, List.of(evidence));
    }
}
