package org.testbench.lab.mdms.headend;

/**
 * The meter answered, but not with success: a DLMS service error (access denied, object
 * undefined, ...), an exception response (deciphering or invocation-counter error), or an answer
 * that contradicts the request (the relay did not switch).
 */
public final class MeterRejectedException extends HeadEndException {

    private final boolean objectUndefined;

    public MeterRejectedException(String serial, String message, boolean objectUndefined, Throwable cause) {
        super(serial, message, cause);
        this.objectUndefined = objectUndefined;
    }

    /** True if the meter said it has no such object or attribute (a register that does not exist). */
    public boolean objectUndefined() {
        return objectUndefined;
    }
}
