package org.testbench.mdms.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.internal.BindingWriter;

/**
 * A binding built by heuristics, with the reasons for each choice, for an engineer to confirm.
 *
 * @param unbound capabilities the suggester could not bind, each with the reason: no operation looked
 *                right, or the likeliest one needs an input the bench does not supply, or its answer lacks a
 *                value the bench reads
 */
public record SuggestedBinding(Binding binding, List<Suggestion> suggestions, Map<Capability, String> unbound) {

    /**
     * Why an operation was chosen for a capability.
     *
     * @param score        how strongly the heuristics point to it (higher is surer)
     * @param reasons      what matched: path words, method, schema properties
     * @param alternatives other operations that scored, best first
     */
    public record Suggestion(Capability capability, OperationRef operation, int score, List<String> reasons,
                             List<OperationRef> alternatives) {

        public Suggestion {
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(operation, "operation");
            reasons = List.copyOf(reasons);
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public String toString() {
            return capability + " -> " + operation + " (score " + score + ": " + String.join(", ", reasons) + ")";
        }
    }

    public SuggestedBinding {
        Objects.requireNonNull(binding, "binding");
        suggestions = List.copyOf(suggestions);
        unbound = Collections.unmodifiableMap(new LinkedHashMap<>(unbound));
    }

    /** Capabilities that are not bound, each with the same general reason. */
    public SuggestedBinding(Binding binding, List<Suggestion> suggestions, List<Capability> unmatched) {
        this(binding, suggestions, unmatched.stream().collect(Collectors.<Capability, Capability, String, Map<Capability, String>>toMap(
                c -> c, c -> "no operation found", (a, b) -> a, LinkedHashMap::new)));
    }

    /** The capabilities that are not bound, in capability order. */
    public List<Capability> unmatched() {
        return List.copyOf(unbound.keySet());
    }

    /** The binding file, each entry commented with why it was suggested, for the engineer to review. */
    public String toYaml() {
        Map<Capability, String> comments = suggestions.stream().collect(Collectors.toMap(Suggestion::capability,
                s -> "suggested (score " + s.score() + "): " + String.join("; ", s.reasons())
                        + (s.alternatives().isEmpty() ? "" : "; also considered "
                        + s.alternatives().stream().map(OperationRef::toString).collect(Collectors.joining(", ")))));
        unbound.forEach((c, reason) -> comments.put(c, "could not bind: " + reason + "; bind by hand"));
        String yaml = BindingWriter.write(binding, comments);
        // Nothing bound: the reasons are comments, and an empty mapping keeps the file loadable.
        return binding.entries().isEmpty() ? yaml.replace("capabilities:\n", "capabilities: {}\n") : yaml;
    }
}
