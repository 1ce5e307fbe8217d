package org.testbench.lab.mdms.store;

import java.util.Objects;

/** A command of the same kind is still pending for the meter. */
public final class CommandConflictException extends Exception {

    private final transient Command pending;

    CommandConflictException(Command pending) {
        super("command " + pending.id() + " (" + pending.type() + ") is still pending for meter " + pending.serial());
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    /** The command in the way. */
    public Command pending() {
        return pending;
    }
}
