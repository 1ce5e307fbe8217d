package org.testbench.app.gui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.testbench.app.runs.ReportFiles;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.report.ReportException;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.SignatureVerifier;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.report.SigningOptions;
import org.testbench.sequences.report.Verification;
import org.testbench.sequences.results.Completion;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RecordedFinding;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunQuery;
import org.testbench.sequences.results.RunSummary;
import org.testbench.sequences.results.StepDetail;

/**
 * The results screen without the screen: the filter (meter serial, dates, verdict), the runs found, one
 * run opened as a tree of positions, steps, measurements, findings and evidence; and the slow parts —
 * exporting a signed report, verifying a report file — as plain methods for a background thread.
 */
public final class ResultsViewModel {

    /** A run in the list. */
    public record RunRow(RunSummary summary) {
        public String id() {
            return summary.id().toString();
        }

        public String sequence() {
            return summary.sequenceName();
        }

        public String started() {
            return summary.startedAt().atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0).toString()
                    .replace('T', ' ');
        }

        public String verdict() {
            return verdictName(summary.completion());
        }

        public String positions() {
            return summary.positions().pass() + "/" + summary.positions().total() + " passed";
        }

        public String meters() {
            return String.join(", ", summary.meterSerials());
        }
    }

    /** A line of the opened run, with the lines under it. */
    public record DetailLine(String text, List<DetailLine> children) {
        public DetailLine {
            children = List.copyOf(children);
        }

        static DetailLine leaf(String text) {
            return new DetailLine(text, List.of());
        }
    }

    private final StringProperty meterSerial = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<Verdict> verdict = new SimpleObjectProperty<>();
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunDetail> opened = new SimpleObjectProperty<>();
    private final ObjectProperty<DetailLine> detail = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");

    /** The query the filter stands for; a date range that ends before it starts is refused. */
    public RunQuery query() {
        RunQuery q = RunQuery.all().withLimit(500);
        if (!meterSerial.get().isBlank()) {
            q = q.withMeterSerial(meterSerial.get().strip());
        }
        if (from.get() != null && to.get() != null && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("the date range ends (" + to.get() + ") before it starts ("
                    + from.get() + ")");
        }
        if (from.get() != null) {
            q = q.withStartedFrom(from.get().atStartOfDay(ZoneId.systemDefault()).toInstant());
        }
        if (to.get() != null) {
            q = q.withStartedBefore(to.get().plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
        }
        if (verdict.get() != null) {
            q = q.withVerdicts(verdict.get());
        }
        return q;
    }

    /** UI thread. */
    public void showRuns(List<RunSummary> found) {
        runs.setAll(found.stream().map(RunRow::new).toList());
        message.set(found.isEmpty() ? "No runs match." : found.size() + " run(s)");
    }

    /** UI thread. */
    public void open(RunDetail run) {
        opened.set(run);
        detail.set(tree(run));
    }

    static DetailLine tree(RunDetail run) {
        List<DetailLine> positions = new ArrayList<>();
        positions.add(DetailLine.leaf(String.format("Started %s by %s on %s (%s)", run.start().startedAt(),
                run.start().operator(), run.start().lab(), run.start().softwareVersion())));
        run.start().mdms().ifPresent(m -> positions.add(DetailLine.leaf("MDMS API " + m.apiVersion())));
        run.note().ifPresent(n -> positions.add(DetailLine.leaf("Note: " + n)));
        for (PositionDetail p : run.positions()) {
            List<DetailLine> lines = new ArrayList<>();
            for (StepDetail s : p.steps()) {
                List<DetailLine> under = new ArrayList<>();
                for (MeasurementRecord m : s.measurements()) {
                    under.add(DetailLine.leaf(m.name() + " = " + m.value() + m.limit().map(l -> "  (" + l + ")")
                            .orElse("") + "  " + m.verdict()));
                }
                for (EvidenceRecord e : s.evidence()) {
                    under.add(DetailLine.leaf("evidence " + e.kind() + ": " + excerpt(e.content())));
                }
                lines.add(new DetailLine(String.format(Locale.ROOT, "Step %d %s: %s%s", s.index(), s.name(),
                        verdictName(s.completion()), s.message().map(x -> " — " + x).orElse("")), under));
            }
            for (RecordedFinding f : p.findings()) {
                lines.add(DetailLine.leaf("Finding " + f.finding().type() + ": " + f.finding().message()));
            }
            positions.add(new DetailLine(String.format("Position %d, meter %s: %s", p.position(),
                    p.meterSerial().orElse("?"), verdictName(p.completion())), lines));
        }
        return new DetailLine(String.format("Run %s: %s, %s", run.id(), run.start().sequenceName(),
                verdictName(run.completion())), positions);
    }

    private static String excerpt(String content) {
        String one = content.strip().replaceAll("\\s+", " ");
        return one.length() <= 160 ? one : one.substring(0, 159) + "…";
    }

    static String verdictName(java.util.Optional<Completion> c) {
        return c.map(x -> x.verdict().name()).orElse("RUNNING");
    }

    /**
     * Writes the opened run's report; signs it when an identity is given. The password is zeroed here,
     * whatever happens.
     *
     * @return what was written, as people read it
     */
    public static String export(RunDetail run, ReportFormat format, Path target, Path identityFile, char[] password)
            throws ReportException, IOException {
        return export(run, format, target, identityFile, password, SigningOptions.basic());
    }

    /** The same at a signature level, time-stamped by the options' authority (B-T and above). */
    public static String export(RunDetail run, ReportFormat format, Path target, Path identityFile, char[] password,
            SigningOptions options) throws ReportException, IOException {
        Instant now = Instant.now();
        SigningIdentity identity = null;
        try {
            if (identityFile != null) {
                identity = SigningIdentity.load(identityFile, password, now);
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        if (identity == null && options.level() != org.testbench.sequences.report.SignatureLevel.B_B) {
            throw new ReportException("a time stamp needs a QA signing identity: choose one in Settings");
        }
        List<Path> files = ReportFiles.write(run, format, target, identity, options, now);
        return format + " report of run " + run.id() + " written: " + String.join(" + ",
                files.stream().map(Path::toString).toList()) + (identity == null ? " (not signed)"
                : ", signed by " + identity.certificate().getSubjectX500Principal().getName() + " at "
                + options.level());
    }

    /** Checks a signed report, as {@code testbench verify} does; the CA is optional. */
    public static Verification verify(Path file, Path ca) throws ReportException {
        SignatureVerifier verifier = new SignatureVerifier(ca == null ? List.of() : SignatureVerifier.readCertificates(ca));
        return verifier.verify(file);
    }

    /** One paragraph for people. */
    public static String describe(Verification v) {
        StringBuilder s = new StringBuilder(v.valid() ? "VALID: " : "INVALID: ").append(v.file()).append('\n')
                .append(v.message());
        v.signer().ifPresent(x -> s.append("\nSigned by ").append(x));
        v.issuer().ifPresent(x -> s.append("\nIssued by ").append(x));
        s.append("\nSigned at ").append(v.signedAt().map(Instant::toString).orElse("(no signing time)"));
        if (!v.chainChecked()) {
            s.append("\nThe certificate chain was not checked (no CA given in Settings)");
        }
        return s.toString();
    }

    public StringProperty meterSerialProperty() {
        return meterSerial;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<Verdict> verdictProperty() {
        return verdict;
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    public ObjectProperty<RunDetail> openedProperty() {
        return opened;
    }

    public ObjectProperty<DetailLine> detailProperty() {
        return detail;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
