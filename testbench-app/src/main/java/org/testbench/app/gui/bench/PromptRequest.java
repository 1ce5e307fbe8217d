package org.testbench.app.gui.bench;

import org.testbench.sequences.language.Action.PromptKind;

/** A question for the technician at a position. */
public record PromptRequest(int position, PromptKind kind, String message) {

    /** A confirmation needs no value; ENTER and SCAN need one (a scanner types it and presses Enter). */
    public boolean needsValue() {
        return kind != PromptKind.CONFIRM;
    }

    public String title() {
        return switch (kind) {
            case CONFIRM -> "Position " + position + ": please confirm";
            case ENTER -> "Position " + position + ": please enter";
            case SCAN -> "Position " + position + ": please scan or type";
        };
    }
}
