package org.testbench.mdms.binding;

import java.util.List;
import java.util.stream.Collectors;
import org.testbench.mdms.catalog.ApiCatalog;

/** The outcome of {@link Binding#validate(ApiCatalog)}. */
public record BindingCheck(List<BindingProblem> problems) {

    public BindingCheck {
        problems = List.copyOf(problems);
    }

    public List<BindingProblem> errors() {
        return problems.stream().filter(BindingProblem::isError).toList();
    }

    public List<BindingProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** No errors: every bound capability can be called as written. */
    public boolean isUsable() {
        return errors().isEmpty();
    }

    public List<BindingProblem> problemsFor(Capability capability) {
        return problems.stream().filter(p -> p.capability().filter(capability::equals).isPresent()).toList();
    }

    /** One problem per line, errors first. */
    @Override
    public String toString() {
        if (problems.isEmpty()) {
            return "binding is complete";
        }
        return problems.stream().sorted((a, b) -> a.severity().compareTo(b.severity()))
                .map(BindingProblem::toString).collect(Collectors.joining("\n"));
    }
}
