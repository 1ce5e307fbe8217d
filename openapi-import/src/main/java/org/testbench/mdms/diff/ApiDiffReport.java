package org.testbench.mdms.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;

/** What changed between two versions of an API, and what that does to a binding. */
public final class ApiDiffReport {

    private final ApiCatalog oldCatalog;
    private final ApiCatalog newCatalog;
    private final List<EndpointChange> changes;

    ApiDiffReport(ApiCatalog oldCatalog, ApiCatalog newCatalog, List<EndpointChange> changes) {
        this.oldCatalog = Objects.requireNonNull(oldCatalog, "oldCatalog");
        this.newCatalog = Objects.requireNonNull(newCatalog, "newCatalog");
        this.changes = List.copyOf(changes);
    }

    public ApiCatalog oldCatalog() {
        return oldCatalog;
    }

    public ApiCatalog newCatalog() {
        return newCatalog;
    }

    /** Removed endpoints first, then changed, then added; by path within each. */
    public List<EndpointChange> changes() {
        return changes;
    }

    public List<EndpointChange> added() {
        return of(EndpointChange.Kind.ADDED);
    }

    public List<EndpointChange> removed() {
        return of(EndpointChange.Kind.REMOVED);
    }

    public List<EndpointChange> changed() {
        return of(EndpointChange.Kind.CHANGED);
    }

    private List<EndpointChange> of(EndpointChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    public List<EndpointChange> breakingChanges() {
        return changes.stream().filter(EndpointChange::isBreaking).toList();
    }

    public boolean isBreaking() {
        return changes.stream().anyMatch(EndpointChange::isBreaking);
    }

    /**
     * The binding validated against both versions: entries that were fine and are not any more, and
     * what a person should know about the operations it uses.
     */
    public BindingImpact bindingImpact(Binding binding) {
        List<BindingProblem> before = binding.validate(oldCatalog).errors();
        Set<String> known = new HashSet<>();
        before.forEach(p -> known.add(identity(p)));
        List<BindingBreak> breaks = new ArrayList<>();
        for (BindingProblem problem : binding.validate(newCatalog).errors()) {
            if (problem.capability().isPresent() && !known.contains(identity(problem))) {
                breaks.add(new BindingBreak(problem.capability().get(), problem.kind(), problem.message()));
            }
        }
        List<String> notes = new ArrayList<>();
        for (BindingEntry entry : binding.entries()) {
            Optional<ApiOperation> was = entry.operation().resolve(oldCatalog);
            Optional<ApiOperation> is = entry.operation().resolve(newCatalog);
            if (was.isPresent() && is.isPresent() && !was.get().key().equals(is.get().key())) {
                notes.add(entry.capability() + ": " + entry.operation() + " moved from " + was.get().key() + " to "
                        + is.get().key());
            }
            is.flatMap(op -> changes.stream().filter(c -> c.kind() == EndpointChange.Kind.CHANGED
                    && c.key().equals(op.key()) && c.isBreaking()).findFirst())
                    .ifPresent(c -> notes.add(entry.capability() + ": " + c.sentence()));
        }
        return new BindingImpact(breaks, notes);
    }

    private static String identity(BindingProblem p) {
        return p.capability().map(Enum::name).orElse("") + "|" + p.kind() + "|" + p.subject();
    }

    /** The changes in Markdown, breaking first, for the engineer and the vendor. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# API changes: ").append(oldCatalog.title()).append(' ').append(oldCatalog.version())
                .append(" → ").append(newCatalog.version()).append("\n\n");
        b.append(changes.size()).append(" endpoints differ, ").append(breakingChanges().size()).append(" of them breaking.\n\n");
        for (Compatibility c : Compatibility.values()) {
            List<EndpointChange> list = changes.stream().filter(x -> x.compatibility() == c).toList();
            if (list.isEmpty()) {
                continue;
            }
            b.append("## ").append(c == Compatibility.BREAKING ? "Breaking" : "Compatible").append("\n\n");
            for (EndpointChange change : list) {
                b.append("- ").append(change.sentence().substring(change.compatibility().name().length() + 2)).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "ApiDiffReport[" + oldCatalog.version() + " → " + newCatalog.version() + ": " + changes.size()
                + " changes, " + breakingChanges().size() + " breaking]";
    }
}
