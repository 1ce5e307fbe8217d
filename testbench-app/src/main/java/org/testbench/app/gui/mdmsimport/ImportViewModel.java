package org.testbench.app.gui.mdmsimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.testbench.mdms.audit.ApiAuditor;
import org.testbench.mdms.audit.AuditFinding;
import org.testbench.mdms.audit.Coverage;
import org.testbench.mdms.audit.Severity;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.diff.ApiDiff;
import org.testbench.mdms.diff.ApiDiffReport;
import org.testbench.mdms.diff.EndpointChange;

/**
 * The MDMS import screen without the screen: import a spec (off the UI thread, {@link #importSpec}),
 * then show it ({@link #show}, UI thread) — operations, audit figures and findings, the changes from the
 * API in use — and edit, validate and save the binding, as {@code testbench import} does on the terminal.
 */
public final class ImportViewModel {

    /** A row of the catalog table: an operation and what the audit says it is missing. */
    public record OperationRow(String method, String path, String operationId, String missing) {
    }

    private final ObjectProperty<ImportResult> result = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("No OpenAPI file imported yet.");
    private final ObservableList<OperationRow> operations = FXCollections.observableArrayList();
    private final ObservableList<String> auditFigures = FXCollections.observableArrayList();
    private final ObservableList<String> auditFindings = FXCollections.observableArrayList();
    private final ObservableList<String> changes = FXCollections.observableArrayList();
    private final StringProperty diffSummary = new SimpleStringProperty("");
    private final StringProperty bindingText = new SimpleStringProperty("");
    private final StringProperty bindingStatus = new SimpleStringProperty("");
    private final ObservableList<String> bindingProblems = FXCollections.observableArrayList();

    /** Imports, audits and compares: the slow part, for a background thread. */
    public static ImportResult importSpec(Path spec, Optional<ImportResult.InUse> inUse) throws Exception {
        ApiCatalog catalog = SpecImporter.defaults().importFile(spec);
        Optional<ApiDiffReport> diff = Optional.empty();
        if (inUse.isPresent() && !Files.isSameFile(inUse.get().spec(), spec)) {
            ApiCatalog current = SpecImporter.defaults().importFile(inUse.get().spec());
            diff = Optional.of(ApiDiff.compare(current, catalog));
        }
        return new ImportResult(spec, catalog, new ApiAuditor().audit(catalog), inUse, diff, Binding.suggest(catalog));
    }

    /** UI thread. */
    public void show(ImportResult r) {
        result.set(r);
        ApiCatalog c = r.catalog();
        summary.set(String.format(Locale.ROOT, "%s %s — %s, %d operations, from %s", c.title(), c.version(),
                c.specVersion(), c.operations().size(), r.specFile()));
        List<OperationRow> rows = new ArrayList<>();
        for (ApiOperation op : c.operations()) {
            List<AuditFinding> findings = r.audit().findingsFor(op.key());
            rows.add(new OperationRow(op.method().toString(), op.path(), op.operationId().orElse("-"),
                    findings.isEmpty() ? "complete" : String.join("; ", findings.stream().map(AuditFinding::message)
                            .toList())));
        }
        operations.setAll(rows);
        List<String> figures = new ArrayList<>();
        figures.add(String.format(Locale.ROOT, "%d error(s), %d warning(s), %d note(s) — %s",
                r.audit().count(Severity.ERROR), r.audit().count(Severity.WARNING), r.audit().count(Severity.INFO),
                r.audit().passes() ? "passes" : "does not pass"));
        for (Coverage cov : r.audit().coverage()) {
            figures.add(String.format(Locale.ROOT, "%d/%d (%.1f %%) %s", cov.count(), cov.total(), cov.percent(),
                    cov.figure().label()));
        }
        auditFigures.setAll(figures);
        auditFindings.setAll(r.audit().findings().stream().map(f -> f.severity() + "  "
                + f.operation().map(o -> o + ": ").orElse("") + f.message()).toList());
        if (r.diff().isPresent()) {
            ApiDiffReport d = r.diff().get();
            diffSummary.set(String.format(Locale.ROOT, "Changes from %s %s (%s): %d endpoint(s) differ, %d breaking",
                    d.oldCatalog().title(), d.oldCatalog().version(), r.inUse().get().description(),
                    d.changes().size(), d.breakingChanges().size()));
            changes.setAll(d.changes().stream().map(EndpointChange::sentence).toList());
        } else {
            diffSummary.set(r.inUse().map(u -> "This is the API in use (" + u.description() + "): nothing to compare")
                    .orElse("No API in use to compare with (start the virtual lab or configure an MDMS in Settings)"));
            changes.clear();
        }
        bindingText.set(r.suggested().binding().withSpec(r.specFile().toAbsolutePath()).toYaml());
        validate();
        bindingStatus.set("Suggested binding: " + r.suggested().suggestions().size() + " capabilities bound"
                + (r.suggested().unmatched().isEmpty() ? "" : ", none found for " + String.join(", ",
                r.suggested().unmatched().stream().map(x -> x.id()).toList())) + ". " + bindingStatus.get());
    }

    /** Loads the binding in use into the editor, to check it against the imported API (UI thread; small file). */
    public void loadBindingInUse() throws IOException {
        ImportResult r = result.get();
        if (r == null || r.inUse().isEmpty()) {
            return;
        }
        bindingText.set(Files.readString(r.inUse().get().binding()));
        validate();
    }

    /** Checks the binding text against the imported API; true when it can be used. */
    public boolean validate() {
        ImportResult r = result.get();
        if (r == null) {
            bindingStatus.set("Import an OpenAPI file first");
            return false;
        }
        Binding binding;
        try {
            binding = Binding.parse(bindingText.get(), "the binding");
        } catch (BindingException e) {
            bindingProblems.setAll(e.getMessage().strip().lines().toList());
            bindingStatus.set("The binding cannot be read");
            return false;
        }
        BindingCheck check = binding.validate(r.catalog());
        bindingProblems.setAll(check.problems().stream().map(BindingProblem::toString).toList());
        bindingStatus.set(String.format(Locale.ROOT, "Binding %s against %s %s: %d error(s), %d warning(s)",
                check.isUsable() ? "usable" : "NOT usable", r.catalog().title(), r.catalog().version(),
                check.errors().size(), check.warnings().size()));
        return check.isUsable();
    }

    /** Saves the binding text as it is; refused when it cannot be read at all. */
    public void save(Path file) throws IOException, BindingException {
        Binding.parse(bindingText.get(), file.toString());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".binding", ".tmp");
        Files.writeString(tmp, bindingText.get());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public ObjectProperty<ImportResult> resultProperty() {
        return result;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObservableList<OperationRow> operations() {
        return operations;
    }

    public ObservableList<String> auditFigures() {
        return auditFigures;
    }

    public ObservableList<String> auditFindings() {
        return auditFindings;
    }

    public ObservableList<String> changes() {
        return changes;
    }

    public StringProperty diffSummaryProperty() {
        return diffSummary;
    }

    public StringProperty bindingTextProperty() {
        return bindingText;
    }

    public StringProperty bindingStatusProperty() {
        return bindingStatus;
    }

    public ObservableList<String> bindingProblems() {
        return bindingProblems;
    }
}
