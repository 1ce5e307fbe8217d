package org.testbench.lab.bench;

/**
 * A command failed: its error goes to the queue and the command is otherwise ignored. Checked, so
 * that every handler that can fail says so.
 */
final class ScpiCommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ScpiError error;

    ScpiCommandException(ScpiErrorCode code, String detail) {
        super(code.code() + " " + detail, null, false, false);
        this.error = ScpiError.of(code, detail);
    }

    ScpiError error() {
        return error;
    }
}
