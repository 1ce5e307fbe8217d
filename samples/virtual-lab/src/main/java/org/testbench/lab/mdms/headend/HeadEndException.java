package org.testbench.lab.mdms.headend;

/**
 * A head-end operation did not succeed. The two subclasses keep apart what the MDMS must never
 * confuse: a meter that could not be reached and a meter that answered "no".
 *
 * <p>Messages name the meter and the cause; they never carry frame bytes or keys.
 */
public abstract sealed class HeadEndException extends Exception
        permits MeterUnreachableException, MeterRejectedException {

    private final String serial;

    HeadEndException(String serial, String message, Throwable cause) {
        super(message, cause);
        this.serial = serial;
    }

    /** The meter concerned. */
    public String serial() {
        return serial;
    }
}
