package org.testbench.sequences.language;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.testbench.mdms.binding.Capability;

/**
 * A parsed, checked sequence: what a technician runs on many positions at once. {@code cleanup} always
 * runs, whatever happened, to leave the bench safe and the load switch closed.
 *
 * @param sha256 of the file's bytes, so a report names exactly what ran
 */
public record Sequence(String name, String title, String description, Map<String, Template> parameters,
                       List<Step> steps, List<Step> cleanup, String source, String sha256, String file) {

    public Sequence {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
        steps = List.copyOf(steps);
        cleanup = List.copyOf(cleanup);
    }

    /** Every action the sequence can carry out, cleanup included, with the action a {@code poll} repeats. */
    public Stream<Action> actions() {
        return Stream.concat(steps.stream(), cleanup.stream())
                .map(Step::action)
                .flatMap(a -> a instanceof Action.Poll p ? Stream.of(p.action()) : Stream.of(a));
    }

    /** Every capability of the MDMS the sequence calls, e.g. {@link Capability#LOAD_SWITCH_OPEN}. */
    public List<Capability> mdmsCapabilities() {
        return actions()
                .filter(a -> a instanceof Action.MdmsCall || a instanceof Action.MdmsKeys
                        || a instanceof Action.EventsExpect e && e.via() != Action.EventVia.BROKER)
                // events.expect reads the MDMS's records of pushed events through events.notifications.
                .map(a -> a instanceof Action.MdmsCall c ? c.capability()
                                : a instanceof Action.MdmsKeys ? Capability.KEYS_GET : Capability.EVENTS_NOTIFICATIONS)
                .distinct()
                .toList();
    }
}
