package org.testbench.mdms.binding;

/** Where an asynchronous command stands, in the bench's terms. */
public enum CommandState {
    /** Accepted, not finished: keep polling. */
    PENDING,
    /** The MDMS reports that the meter confirmed it. */
    EXECUTED,
    /** The MDMS reports that it did not happen. */
    FAILED,
    /** A status value the binding does not list: the bench cannot tell, and says so. */
    UNKNOWN
}
