package org.testbench.sequences.results;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step as stored, with its measurements and evidence in the order they were recorded.
 *
 * @param index the step's place in its position's sequence; steps are listed by it
 * @param completion empty while the step runs
 * @param message the verdict's explanation, or the note of whoever closed the step when its recorder could not
 */
public record StepDetail(
        StepId id,
        int index,
        String name,
        String kind,
        Instant startedAt,
        Optional<Completion> completion,
        Optional<String> message,
        List<MeasurementRecord> measurements,
        List<EvidenceRecord> evidence) {

    public StepDetail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(message, "message");
        measurements = List.copyOf(measurements);
        evidence = List.copyOf(evidence);
    }
}
