package org.testbench.sequences.results;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence of a step as stored: its kind ("mdms response", "scpi exchange", "frame counts") and
 * its content, with every protected secret already removed.
 */
public record EvidenceRecord(String kind, String content, Instant recordedAt) {

    public EvidenceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
