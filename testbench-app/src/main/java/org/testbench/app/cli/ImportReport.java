package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testbench.mdms.audit.AuditFinding;
import org.testbench.mdms.audit.AuditReport;
import org.testbench.mdms.audit.Coverage;
import org.testbench.mdms.audit.Severity;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.OperationRef;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.diff.ApiDiffReport;
import org.testbench.mdms.diff.BindingBreak;
import org.testbench.mdms.diff.BindingImpact;
import org.testbench.mdms.diff.ChangeDetail;
import org.testbench.mdms.diff.EndpointChange;

/**
 * What {@code testbench import} found, for people ({@link #print}) and machines ({@link #toJson}: one
 * object with the sections catalog, audit, diff and binding, as docs/json-output.md shows).
 */
final class ImportReport {

    private final Path specFile;
    private final ApiCatalog catalog;
    private final AuditReport audit;
    private final Optional<Path> previousFile;
    private final Optional<ApiDiffReport> diff;
    private final SuggestedBinding suggested;
    private final Optional<Path> suggestionFile;
    private final Optional<Path> bindingFile;
    private final Optional<BindingCheck> check;
    private final Optional<BindingImpact> impact;

    ImportReport(Path specFile, ApiCatalog catalog, AuditReport audit, Optional<Path> previousFile,
                 Optional<ApiDiffReport> diff, SuggestedBinding suggested, Optional<Path> suggestionFile,
                 Optional<Path> bindingFile, Optional<Binding> binding) {
        this.specFile = specFile;
        this.catalog = catalog;
        this.audit = audit;
        this.previousFile = previousFile;
        this.diff = diff;
        this.suggested = suggested;
        this.suggestionFile = suggestionFile;
        this.bindingFile = bindingFile;
        this.check = binding.map(b -> b.validate(catalog));
        this.impact = binding.flatMap(b -> diff.map(d -> d.bindingImpact(b)));
    }

    /**
     * The verification {@code import} makes: with a diff, whether the changes break the binding (entries
     * that worked with the previous version and do not any more); without one, whether it validates at all.
     */
    boolean bindingBroken() {
        if (impact.isPresent()) {
            return impact.get().isBroken();
        }
        return check.map(c -> !c.isUsable()).orElse(false);
    }

    String brokenSummary() {
        if (impact.isPresent()) {
            return "the changes from " + diff.get().oldCatalog().version() + " break " + bindingFile.get() + " for "
                    + impact.get().brokenCapabilities().stream().map(Capability::id).collect(Collectors.joining(", "));
        }
        List<BindingProblem> errors = check.get().errors();
        return bindingFile.get() + " does not fit " + specFile + ": " + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }

    // ---- JSON -----------------------------------------------------------------------------------

    Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("catalog", catalogJson());
        root.put("audit", auditJson());
        root.put("diff", diff.map(this::diffJson).orElse(null));
        root.put("binding", bindingJson());
        return root;
    }

    private Map<String, Object> catalogJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", specFile.toString());
        m.put("sha256", catalog.source().sha256());
        m.put("specVersion", catalog.specVersion().toString());
        m.put("title", catalog.title());
        m.put("version", catalog.version());
        m.put("operationCount", catalog.operations().size());
        m.put("operations", catalog.operations().stream().map(op -> {
            Map<String, Object> o = operationJson(op);
            o.put("summary", op.summary());
            return o;
        }).toList());
        return m;
    }

    private static Map<String, Object> operationJson(ApiOperation op) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("method", op.method().toString());
        o.put("path", op.path());
        o.put("operationId", op.operationId().orElse(null));
        o.put("line", op.location().map(l -> l.line()).orElse(null));
        return o;
    }

    private Map<String, Object> auditJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errors", audit.count(Severity.ERROR));
        m.put("warnings", audit.count(Severity.WARNING));
        m.put("notes", audit.count(Severity.INFO));
        m.put("passes", audit.passes());
        m.put("figures", audit.coverage().stream().map(c -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("figure", c.figure().name());
            f.put("label", c.figure().label());
            f.put("count", c.count());
            f.put("total", c.total());
            f.put("percent", Math.round(c.percent() * 10) / 10.0);
            return f;
        }).toList());
        m.put("document", audit.documentFindings().stream().map(ImportReport::findingJson).toList());
        m.put("operations", catalog.operations().stream().map(op -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("operation", op.key().toString());
            o.put("operationId", op.operationId().orElse(null));
            o.put("line", op.location().map(l -> l.line()).orElse(null));
            o.put("missing", audit.findingsFor(op.key()).stream().map(ImportReport::findingJson).toList());
            return o;
        }).toList());
        return m;
    }

    private static Map<String, Object> findingJson(AuditFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule().name());
        m.put("severity", f.severity().name());
        m.put("requirement", f.rule().requirement());
        m.put("message", f.message());
        return m;
    }

    private Map<String, Object> diffJson(ApiDiffReport d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("file", previousFile.map(Path::toString).orElse(null));
        from.put("title", d.oldCatalog().title());
        from.put("version", d.oldCatalog().version());
        from.put("sha256", d.oldCatalog().source().sha256());
        m.put("previous", from);
        m.put("breaking", d.isBreaking());
        m.put("breakingCount", d.breakingChanges().size());
        m.put("compatibleCount", d.changes().size() - d.breakingChanges().size());
        m.put("changes", d.changes().stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", c.kind().name());
            e.put("endpoint", c.key().toString());
            e.put("operationId", c.operationId().orElse(null));
            e.put("compatibility", c.compatibility().name());
            e.put("sentence", c.sentence());
            e.put("details", c.details().stream().map(ImportReport::detailJson).toList());
            return e;
        }).toList());
        return m;
    }

    private static Map<String, Object> detailJson(ChangeDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compatibility", d.compatibility().name());
        m.put("sentence", d.sentence());
        return m;
    }

    private Map<String, Object> bindingJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("capabilities", suggested.suggestions().stream().map(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("capability", x.capability().id());
            e.put("operation", x.operation().toString());
            e.put("score", x.score());
            e.put("reasons", x.reasons());
            e.put("alternatives", x.alternatives().stream().map(OperationRef::toString).toList());
            return e;
        }).toList());
        s.put("unmatched", suggested.unmatched().stream().map(Capability::id).toList());
        s.put("file", suggestionFile.map(Path::toString).orElse(null));
        m.put("suggested", s);
        m.put("checked", check.map(this::checkJson).orElse(null));
        return m;
    }

    private Map<String, Object> checkJson(BindingCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", bindingFile.map(Path::toString).orElse(null));
        m.put("usable", c.isUsable());
        m.put("broken", bindingBroken());
        m.put("errors", c.errors().size());
        m.put("warnings", c.warnings().size());
        m.put("problems", c.problems().stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("capability", p.capability().map(Capability::id).orElse(null));
            e.put("kind", p.kind().name());
            e.put("severity", p.severity().name());
            e.put("message", p.message());
            return e;
        }).toList());
        m.put("brokenByDiff", impact.map(i -> i.breaks().stream().map(ImportReport::breakJson).toList()).orElse(null));
        m.put("notes", impact.map(BindingImpact::notes).orElse(List.of()));
        return m;
    }

    private static Map<String, Object> breakJson(BindingBreak b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("capability", b.capability().id());
        m.put("reason", b.reason().name());
        m.put("message", b.message());
        return m;
    }

    // ---- text -----------------------------------------------------------------------------------

    void print(PrintWriter out) {
        printCatalog(out);
        out.println();
        printAudit(out);
        diff.ifPresent(d -> {
            out.println();
            printDiff(out, d);
        });
        check.ifPresent(c -> {
            out.println();
            printCheck(out, c);
        });
        out.println();
        printSuggestion(out);
    }

    private void printCatalog(PrintWriter out) {
        out.printf("%s %s: %s, %d operations (%s, sha256 %s…)%n", catalog.title(), catalog.version(),
                catalog.specVersion(), catalog.operations().size(), specFile, catalog.source().sha256().substring(0, 12));
        for (ApiOperation op : catalog.operations()) {
            out.printf("  %-7s %-42s %-26s %s%n", op.method(), op.path(), op.operationId().orElse("-"),
                    op.location().map(l -> "line " + l.line()).orElse(""));
        }
    }

    private void printAudit(PrintWriter out) {
        out.printf("Documentation audit: %s, %s, %s%n", count(audit.count(Severity.ERROR), "error"),
                count(audit.count(Severity.WARNING), "warning"), count(audit.count(Severity.INFO), "note"));
        for (Coverage c : audit.coverage()) {
            out.printf(Locale.ROOT, "  %5s %6.1f %%  %s%n", c.count() + "/" + c.total(), c.percent(), c.figure().label());
        }
        if (!audit.documentFindings().isEmpty()) {
            out.println("  the document:");
            audit.documentFindings().forEach(f -> out.printf("    %-7s %s%n", f.severity(), f.message()));
        }
        int complete = 0;
        for (ApiOperation op : catalog.operations()) {
            List<AuditFinding> findings = audit.findingsFor(op.key());
            if (findings.isEmpty()) {
                complete++;
                continue;
            }
            out.printf("  %s%s:%n", op.key(), op.location().map(l -> " (line " + l.line() + ")").orElse(""));
            findings.forEach(f -> out.printf("    %-7s %s%n", f.severity(), f.message()));
        }
        out.printf("  %d of %d operations documented completely%n", complete, catalog.operations().size());
    }

    private void printDiff(PrintWriter out, ApiDiffReport d) {
        out.printf("Changes from %s (%s): %s differ, %d breaking%n", d.oldCatalog().version(),
                previousFile.map(Path::toString).orElse(""), count(d.changes().size(), "endpoint"),
                d.breakingChanges().size());
        d.changes().forEach(c -> out.printf("  %s%n", c.sentence()));
    }

    private void printCheck(PrintWriter out, BindingCheck c) {
        out.printf("Binding %s against %s %s: %s, %s, %s%n", bindingFile.get(), catalog.title(), catalog.version(),
                c.isUsable() ? "usable" : "NOT usable", count(c.errors().size(), "error"),
                count(c.warnings().size(), "warning"));
        c.errors().forEach(p -> out.printf("  %s%n", p));
        c.warnings().forEach(p -> out.printf("  %s%n", p));
        impact.ifPresent(i -> {
            if (i.isBroken()) {
                out.printf("  Broken by the changes from %s:%n", diff.get().oldCatalog().version());
                i.breaks().forEach(b -> out.printf("    %s: %s%n", b.reason(), b.message()));
            } else {
                out.printf("  The changes from %s break no entry.%n", diff.get().oldCatalog().version());
            }
            i.notes().forEach(n -> out.printf("  note: %s%n", n));
        });
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void printSuggestion(PrintWriter out) {
        int bound = suggested.suggestions().size();
        out.printf("Suggested binding: %d of %d capabilities bound%s%n", bound, Capability.values().length,
                suggestionFile.map(f -> ", written to " + f).orElse(" (--binding-out FILE writes it)"));
        for (SuggestedBinding.Suggestion s : suggested.suggestions()) {
            out.printf("  %-18s -> %s (score %d: %s)%n", s.capability(), s.operation(), s.score(),
                    String.join(", ", s.reasons()));
        }
        List<String> unmatched = new ArrayList<>();
        suggested.unmatched().forEach(c -> unmatched.add(c.id()));
        if (!unmatched.isEmpty()) {
            out.printf("  no operation found for: %s (bind them by hand)%n", String.join(", ", unmatched));
        }
    }
}
