package org.testbench.sequences.results;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the results browser: which sequence ran, when, by whom, on which station and meters, how it ended, and
 * how much it recorded.
 *
 * @param meterSerials the serials known for its positions, in position order
 * @param positions the positions by verdict
 * @param steps the steps by verdict
 */
public record RunSummary(
        RunId id,
        String sequenceName,
        String operator,
        String station,
        Instant startedAt,
        Optional<Completion> completion,
        Optional<String> note,
        List<String> meterSerials,
        VerdictCounts positions,
        VerdictCounts steps,
        int measurements,
        int findings) {

    public RunSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sequenceName, "sequenceName");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(note, "note");
        meterSerials = List.copyOf(meterSerials);
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(steps, "steps");
    }
}
