package org.testbench.sequences.engine;

/**
 * A step that could not be carried out for a reason on the test's side (a missing instrument, a
 * reference to a step that did not run, a unit mismatch in a limit): ERROR, never FAIL.
 */
final class StepError extends Exception {

    StepError(String message) {
        super(message);
    }

    StepError(String message, Throwable cause) {
        super(message, cause);
    }
}
