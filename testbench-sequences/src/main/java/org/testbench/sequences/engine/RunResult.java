package org.testbench.sequences.engine;

import java.time.Instant;
import java.util.List;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/** The end of a run: its verdict, and per position the verdict, the meter's serial and the findings. */
public record RunResult(Verdict verdict, List<PositionResult> positions, Instant startedAt, Instant endedAt) {

    public RunResult {
        positions = List.copyOf(positions);
    }

    public record PositionResult(int position, String serial, Verdict verdict, List<Finding> findings, String message) {
        public PositionResult {
            findings = List.copyOf(findings);
        }
    }
}
