package org.testbench.sequences.results;

import java.time.Instant;
import java.util.Objects;

/**
 * A run whose recording process died (crash, kill, power loss) and that the store marked aborted when it
 * was next opened.
 *
 * @param endedAt the last activity recorded for the run: the best estimate of when its recorder died
 * @param note what the run now carries as its note
 */
public record RecoveredRun(RunId id, String sequenceName, Instant startedAt, Instant endedAt, String note) {

    public RecoveredRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sequenceName, "sequenceName");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(note, "note");
    }
}
