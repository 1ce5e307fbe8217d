package org.testbench.sequences.language;

/** What a position does after a step fails: stop (then clean up) or go on with the next step. */
public enum OnFail {
    STOP,
    CONTINUE
}
