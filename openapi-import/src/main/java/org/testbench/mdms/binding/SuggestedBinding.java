package org.testbench.mdms.binding;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.testbench.mdms.binding.internal.BindingWriter;

/**
 * A binding built by heuristics, with the reasons for each choice, for an engineer to confirm.
 *
 * @param unmatched capabilities for which no operation looked right
 */
public record SuggestedBinding(Binding binding, List<Suggestion> suggestions, List<Capability> unmatched) {

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
        unmatched = List.copyOf(unmatched);
    }

    /** The binding file, each entry commented with why it was suggested, for the engineer to review. */
    public String toYaml() {
        Map<Capability, String> comments = suggestions.stream().collect(Collectors.toMap(Suggestion::capability,
                s -> "suggested (score " + s.score() + "): " + String.join("; ", s.reasons())
                        + (s.alternatives().isEmpty() ? "" : "; also considered "
                        + s.alternatives().stream().map(OperationRef::toString).collect(Collectors.joining(", ")))));
        unmatched.forEach(c -> comments.put(c, "no operation found: bind by hand"));
        return BindingWriter.write(binding, comments);
    }
}
