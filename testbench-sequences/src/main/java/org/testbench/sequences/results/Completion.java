package org.testbench.sequences.results;

import java.time.Instant;
import java.util.Objects;
import org.testbench.sequences.outcome.Verdict;

/** How and when a run, a position or a step ended. Absent while it is still going on. */
public record Completion(Verdict verdict, Instant endedAt) {

    public Completion {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
