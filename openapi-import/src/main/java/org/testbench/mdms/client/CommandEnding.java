package org.testbench.mdms.client;

/** How following a command ended. */
public enum CommandEnding {
    /** The MDMS reports the command executed (confirmed by the meter, if the MDMS is honest). */
    EXECUTED,
    /** The MDMS reports the command failed for a reason other than an unreachable meter. */
    FAILED,
    /** The MDMS reports the command failed because the meter could not be reached. */
    METER_UNREACHABLE,
    /** Still pending at the profile's deadline. */
    DEADLINE_PASSED,
    /** A status the binding does not list: the bench will not guess what it means. */
    UNKNOWN_STATE,
    /** The status query itself failed: refused, or failed repeatedly. */
    STATUS_QUERY_FAILED,
    /** The MDMS did not accept the command (refused, failed, no answer): there was nothing to follow. */
    NOT_ACCEPTED
}
