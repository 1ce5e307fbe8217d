package org.testbench.sequences.results;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bench position of a run as stored: the meter on it (once known), its steps in order and its findings
 * in the order they were recorded.
 *
 * @param startedAt empty for a planned position that never started
 * @param completion empty while the position runs
 */
public record PositionDetail(
        int position,
        Optional<String> meterSerial,
        Optional<Instant> startedAt,
        Optional<Completion> completion,
        List<StepDetail> steps,
        List<RecordedFinding> findings) {

    public PositionDetail {
        Objects.requireNonNull(meterSerial, "meterSerial");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completion, "completion");
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }
}
