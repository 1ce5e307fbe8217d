package org.testbench.lab.mdms.service;

import org.testbench.lab.mdms.headend.HeadEndException;
import org.testbench.lab.mdms.headend.MeterRejectedException;
import org.testbench.lab.mdms.headend.MeterUnreachableException;
import org.testbench.lab.mdms.store.FailureCode;
import org.testbench.lab.mdms.store.FailureReason;

/**
 * How head-end failures reach the API. A correct MDMS keeps "meter unreachable" apart from its
 * own faults; with the unreachable-as-500 fault it reports both as its own fault.
 */
final class Failures {

    private final boolean unreachableAsInternal;

    Failures(boolean unreachableAsInternal) {
        this.unreachableAsInternal = unreachableAsInternal;
    }

    /** The error of a synchronous read that failed. */
    ServiceException ofRead(HeadEndException failure) {
        if (failure instanceof MeterUnreachableException && !unreachableAsInternal) {
            return new ServiceException(ErrorCode.METER_UNREACHABLE,
                    "Meter " + failure.serial() + " could not be reached", failure.getMessage(), failure.serial());
        }
        if (failure instanceof MeterRejectedException) {
            // The meter answered: the head-end could not complete the read, which is the MDMS's failure.
            return new ServiceException(ErrorCode.INTERNAL_ERROR, "The head-end could not complete the read",
                    failure.getMessage(), failure.serial());
        }
        return new ServiceException(ErrorCode.INTERNAL_ERROR, "Internal server error", null, null);
    }

    /** The reason of a command that failed. */
    FailureReason ofCommand(HeadEndException failure) {
        if (failure instanceof MeterUnreachableException) {
            return unreachableAsInternal ? new FailureReason(FailureCode.INTERNAL_ERROR, "Internal server error")
                    : new FailureReason(FailureCode.METER_UNREACHABLE,
                            "The head-end could not reach meter " + failure.serial() + ": " + failure.getMessage());
        }
        return new FailureReason(FailureCode.METER_REJECTED, failure.getMessage());
    }
}
