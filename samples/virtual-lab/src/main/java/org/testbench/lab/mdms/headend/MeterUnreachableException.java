package org.testbench.lab.mdms.headend;

/** The head-end could not reach the meter: connection refused, closed, or no answer in time. */
public final class MeterUnreachableException extends HeadEndException {

    public MeterUnreachableException(String serial, String message, Throwable cause) {
        super(serial, message, cause);
    }
}
