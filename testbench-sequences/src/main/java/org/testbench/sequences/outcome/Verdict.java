package org.testbench.sequences.outcome;

/**
 * The verdict of a step, a position or a run. FAIL and ERROR are never mixed up: FAIL means the system
 * under test (meter, MDMS, AMI) misbehaved; ERROR means the test could not be carried out (bench fault,
 * bad configuration, unreachable instrument); ABORTED means someone or something stopped the run.
 */
public enum Verdict {
    PASS,
    FAIL,
    ERROR,
    ABORTED;

    /**
     * The verdict of a whole made of two parts. An aborted or erroneous part means the whole was not
     * carried out, whatever failed before; a failure outweighs passes.
     */
    public Verdict combine(Verdict other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
