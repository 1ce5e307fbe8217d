package org.testbench.sequences.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.sequences.language.Action;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;

/**
 * Whether a sequence can be carried out on a meter type: the objects its steps cannot do without (a switch or
 * a load-switch witness needs the disconnect control; a check of the meter's own event log needs the event
 * log) against those the type's profile marks {@code none}. A sequence that does not apply is an ERROR for the
 * position before any step runs — the test was not carried out, the meter did not misbehave — so the bench is
 * never left half way through it. Objects a {@code meter.read} lists are not needed: an absent one is reported
 * absent and the read goes on.
 */
final class MeterApplicability {

    private MeterApplicability() {
    }

    /**
     * Why the sequence does not apply to this meter type, naming the first step and the object it lacks; empty
     * when it applies.
     */
    static Optional<String> whyNot(Sequence sequence, MeterProfile profile) {
        List<String> reasons = new ArrayList<>();
        for (Step step : Stream.concat(sequence.steps().stream(), sequence.cleanup().stream()).toList()) {
            for (MeterObject object : needs(step.action())) {
                if (profile.objects().find(object).isEmpty()) {
                    reasons.add("step '" + step.displayName() + "' needs its " + object.key());
                }
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the sequence does not apply to meter type " + profile.describe() + ": " + reasons.get(0)
                + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more step(s))" : "")
                + ", which the type's profile marks none; no step was run");
    }

    private static List<MeterObject> needs(Action action) {
        if (action instanceof Action.Poll p) {
            return needs(p.action());
        }
        if (action instanceof Action.MeterSwitch || action instanceof Action.VerifyLoadSwitch) {
            return List.of(MeterObject.DISCONNECT_CONTROL);
        }
        if (action instanceof Action.EventsExpect e && e.meterLog()) {
            return List.of(MeterObject.EVENT_LOG);
        }
        return List.of();
    }
}
