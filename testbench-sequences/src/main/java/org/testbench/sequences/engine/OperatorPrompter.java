package org.testbench.sequences.engine;

import org.testbench.sequences.language.Action.PromptKind;

/**
 * Asks the technician at the bench: a confirmation, or a value typed or scanned (a barcode scanner
 * acts as a keyboard). Called from a position's thread; it may block until answered.
 */
@FunctionalInterface
public interface OperatorPrompter {

    /**
     * @return the value entered or scanned; for a confirmation any non-null answer confirms
     * @throws InterruptedException when the run is aborted while waiting
     * @throws PromptDeclinedException when the operator declines
     */
    String ask(int position, PromptKind kind, String message) throws InterruptedException, PromptDeclinedException;

    /** The operator said no, or closed the dialog: the step cannot be carried out. */
    final class PromptDeclinedException extends Exception {
        public PromptDeclinedException(String message) {
            super(message);
        }
    }
}
