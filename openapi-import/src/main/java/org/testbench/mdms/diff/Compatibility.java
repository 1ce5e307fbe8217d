package org.testbench.mdms.diff;

/** Whether clients written for the old version keep working with the new one. */
public enum Compatibility {
    /** A client of the old version may fail: something it sends or reads changed or went away. */
    BREAKING,
    /** Additions and relaxations: a client of the old version keeps working. */
    COMPATIBLE
}
