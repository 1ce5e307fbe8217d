package org.testbench.lab.mdms.store;

/** Why a command failed, as {@code FailureReason.code} in the API. */
public enum FailureCode {
    /** The head-end could not reach the meter. */
    METER_UNREACHABLE,
    /** The meter answered but refused or did not carry out the operation. */
    METER_REJECTED,
    /** A fault of the MDMS or head-end itself. */
    INTERNAL_ERROR
}
