package org.testbench.sequences.results;

import org.testbench.sequences.outcome.Verdict;

/** How many positions (or steps) of a run ended with each verdict, and how many have not ended. */
public record VerdictCounts(int pass, int fail, int error, int aborted, int unfinished) {

    public VerdictCounts {
        if (pass < 0 || fail < 0 || error < 0 || aborted < 0 || unfinished < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public int total() {
        return pass + fail + error + aborted + unfinished;
    }

    public int of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> pass;
            case FAIL -> fail;
            case ERROR -> error;
            case ABORTED -> aborted;
        };
    }
}
