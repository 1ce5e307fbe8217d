package org.testbench.mdms.diff;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testbench.mdms.binding.Capability;

/**
 * What a new API version does to a binding.
 *
 * @param breaks entries that validated against the old version and fail against the new one
 * @param notes  changes a person should know about that do not break the entry (an operation that
 *               moved but is still found by its id, breaking changes elsewhere in a bound operation)
 */
public record BindingImpact(List<BindingBreak> breaks, List<String> notes) {

    public BindingImpact {
        breaks = List.copyOf(breaks);
        notes = List.copyOf(notes);
    }

    public boolean isBroken() {
        return !breaks.isEmpty();
    }

    public Set<Capability> brokenCapabilities() {
        Set<Capability> broken = new LinkedHashSet<>();
        breaks.forEach(b -> broken.add(b.capability()));
        return broken;
    }
}
