package org.testbench.mdms.binding;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The status values of the MDMS's commands and what they mean: which keep the bench polling, which
 * end it. Written in a binding under {@code command.status} as {@code states}.
 */
public record CommandStates(Set<String> pending, Set<String> executed, Set<String> failed) {

    /** The reference MDMS's values: PENDING until EXECUTED or FAILED. */
    public static final CommandStates DEFAULT = new CommandStates(Set.of("PENDING"), Set.of("EXECUTED"), Set.of("FAILED"));

    public CommandStates {
        pending = copy(pending);
        executed = copy(executed);
        failed = copy(failed);
        if (executed.isEmpty() || failed.isEmpty()) {
            throw new IllegalArgumentException("command states need at least one executed and one failed value");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Set<String> group : java.util.List.of(pending, executed, failed)) {
            for (String value : group) {
                if (!seen.add(value)) {
                    throw new IllegalArgumentException("command state '" + value + "' is listed twice");
                }
            }
        }
    }

    private static Set<String> copy(Set<String> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public CommandState classify(String value) {
        if (value == null) {
            return CommandState.UNKNOWN;
        }
        if (pending.contains(value)) {
            return CommandState.PENDING;
        }
        if (executed.contains(value)) {
            return CommandState.EXECUTED;
        }
        return failed.contains(value) ? CommandState.FAILED : CommandState.UNKNOWN;
    }

    /** Every value, pending first. */
    public Set<String> all() {
        Set<String> all = new LinkedHashSet<>(pending);
        all.addAll(executed);
        all.addAll(failed);
        return all;
    }
}
