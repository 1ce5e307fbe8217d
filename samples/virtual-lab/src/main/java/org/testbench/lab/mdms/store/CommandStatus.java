package org.testbench.lab.mdms.store;

/** Where a command stands. */
public enum CommandStatus {
    /** Accepted, the meter has not confirmed or refused it yet. */
    PENDING,
    /** The meter confirmed it. */
    EXECUTED,
    /** It did not happen; the command's reason says why. */
    FAILED
}
