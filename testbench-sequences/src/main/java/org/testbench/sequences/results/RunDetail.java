package org.testbench.sequences.results;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole run as stored: what it started with, how it ended, and its positions in ascending order.
 *
 * @param completion empty while the run is still recording
 * @param note why the store ended the run itself (its recorder died or left it open), if it did
 */
public record RunDetail(RunId id, RunStart start, Optional<Completion> completion, Optional<String> note,
        List<PositionDetail> positions) {

    public RunDetail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(note, "note");
        positions = List.copyOf(positions);
    }

    /** The position with this number. */
    public Optional<PositionDetail> position(int position) {
        return positions.stream().filter(p -> p.position() == position).findFirst();
    }
}
