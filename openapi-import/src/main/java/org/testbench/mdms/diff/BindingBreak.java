package org.testbench.mdms.diff;

import java.util.Objects;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;

/**
 * A binding entry that worked with the old version and does not with the new one.
 *
 * @param reason what broke: the operation is gone, a parameter was renamed or became required, a value's
 *               pointer no longer leads anywhere in the new schema
 */
public record BindingBreak(Capability capability, BindingProblem.Kind reason, String message) {

    public BindingBreak {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
