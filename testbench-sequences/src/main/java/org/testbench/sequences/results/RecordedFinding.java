package org.testbench.sequences.results;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.testbench.sequences.outcome.Finding;

/**
 * A finding as stored for a position: the finding with its evidence, the step that made it if any, and when
 * it was recorded.
 */
public record RecordedFinding(Finding finding, Optional<StepId> step, Instant recordedAt) {

    public RecordedFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
