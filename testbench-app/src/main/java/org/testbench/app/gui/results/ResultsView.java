package org.testbench.app.gui.results;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.testbench.app.gui.Errors;
import org.testbench.app.gui.GuiContext;
import org.testbench.app.gui.PasswordDialog;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.SignatureLevel;
import org.testbench.sequences.report.SigningOptions;
import org.testbench.sequences.report.TimeStampClient;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;

/** The QA screen: find runs, open one, export and sign its report, verify a report file. */
public final class ResultsView extends BorderPane {

    private final GuiContext context;
    private final ResultsViewModel model = new ResultsViewModel();
    private final TableView<ResultsViewModel.RunRow> table = new TableView<>(model.runs());
    private final ComboBox<ReportFormat> format = new ComboBox<>();
    /** A time-stamping authority for long-term signatures (docs/signed-reports.md); empty: baseline B. */
    private final javafx.scene.control.TextField tsaUrl = new javafx.scene.control.TextField();
    private final ComboBox<SignatureLevel> level = new ComboBox<>();
    private final TextArea outcome = new TextArea();

    public ResultsView(GuiContext context) {
        this.context = context;
        setId("resultsView");
        TextField serial = new TextField();
        serial.setId("filterSerial");
        serial.setPromptText("meter serial");
        serial.textProperty().bindBidirectional(model.meterSerialProperty());
        serial.setOnAction(e -> refresh());
        DatePicker from = new DatePicker();
        from.setId("filterFrom");
        from.setPromptText("from");
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("filterTo");
        to.setPromptText("to");
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(model.toProperty());
        ComboBox<Verdict> verdict = new ComboBox<>();
        verdict.setId("filterVerdict");
        verdict.getItems().add(null);
        verdict.getItems().addAll(Verdict.values());
        verdict.setConverter(new StringConverter<>() {
            @Override
            public String toString(Verdict v) {
                return v == null ? "any verdict" : v.name();
            }

            @Override
            public Verdict fromString(String s) {
                return s == null || s.equals("any verdict") ? null : Verdict.valueOf(s);
            }
        });
        verdict.valueProperty().bindBidirectional(model.verdictProperty());
        Button search = new Button("_Search");
        search.setId("searchButton");
        search.setDefaultButton(false);
        search.setOnAction(e -> refresh());
        Label count = new Label();
        count.textProperty().bind(model.messageProperty());
        ToolBar bar = new ToolBar(new Label("Meter"), serial, new Label("From"), from, new Label("To"), to, verdict,
                search, count);

        table.setId("runsTable");
        table.getColumns().add(column("Started", ResultsViewModel.RunRow::started, 150));
        table.getColumns().add(column("Sequence", ResultsViewModel.RunRow::sequence, 140));
        table.getColumns().add(column("Verdict", ResultsViewModel.RunRow::verdict, 80));
        table.getColumns().add(column("Positions", ResultsViewModel.RunRow::positions, 90));
        table.getColumns().add(column("Meters", ResultsViewModel.RunRow::meters, 160));
        table.setPlaceholder(new Label("No runs. Runs appear here as soon as they start."));
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != null) {
                openRun(row.summary().id());
            }
        });

        TreeView<String> detail = new TreeView<>();
        detail.setId("runDetail");
        model.detailProperty().addListener((o, old, root) -> detail.setRoot(root == null ? null : treeItem(root, 0)));
        format.getItems().addAll(ReportFormat.values());
        format.setValue(ReportFormat.PDF);
        format.setId("reportFormat");
        Button export = new Button("_Export report…");
        export.setId("exportButton");
        export.disableProperty().bind(model.openedProperty().isNull());
        export.setOnAction(e -> chooseExportTarget());
        Button verify = new Button("Ve_rify a report…");
        verify.setId("verifyButton");
        verify.setOnAction(e -> chooseVerifyFile());
        outcome.setId("resultsOutcome");
        outcome.setEditable(false);
        outcome.setWrapText(true);
        outcome.setPrefRowCount(5);
        Label signing = new Label();
        signing.textProperty().bind(context.settingsProperty().map(s -> s.signingIdentity().isEmpty()
                ? "Reports are not signed: choose a QA signing identity in Settings"
                : "Signed with " + s.signingIdentity()));
        signing.setWrapText(true);
        tsaUrl.setId("tsaUrl");
        tsaUrl.setPromptText("TSA URL (time stamp), e.g. the lab's tsa.url");
        tsaUrl.setPrefColumnCount(22);
        level.setId("signatureLevel");
        level.getItems().addAll(SignatureLevel.values());
        level.setPromptText("level");
        VBox right = new VBox(6, detail, new HBox(8, new Label("Format"), format, export, verify),
                new HBox(8, new Label("Time stamp"), tsaUrl, level), signing, outcome);
        VBox.setVgrow(detail, Priority.ALWAYS);
        right.setPadding(new Insets(0, 0, 0, 6));
        SplitPane split = new SplitPane(table, right);
        split.setDividerPositions(0.5);
        split.setPadding(new Insets(6));
        setTop(bar);
        setCenter(split);
    }

    /** Selects (and so opens) the newest run listed. */
    public void selectFirst() {
        if (!model.runs().isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    public ResultsViewModel model() {
        return model;
    }

    private static TableColumn<ResultsViewModel.RunRow, String> column(String title,
            Function<ResultsViewModel.RunRow, String> value, double width) {
        TableColumn<ResultsViewModel.RunRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TreeItem<String> treeItem(ResultsViewModel.DetailLine line, int depth) {
        TreeItem<String> item = new TreeItem<>(line.text());
        line.children().forEach(c -> item.getChildren().add(treeItem(c, depth + 1)));
        item.setExpanded(depth < 2);
        return item;
    }

    /** Searches with the filter, off the UI thread. */
    public void refresh() {
        org.testbench.sequences.results.RunQuery query;
        try {
            query = model.query();
        } catch (IllegalArgumentException e) {
            model.messageProperty().set(Errors.readable(e));
            return;
        }
        String database = context.settings().database();
        context.background().run("Searching runs", () -> context.store(database, context.background()::say)
                .findRuns(query), model::showRuns, m -> model.messageProperty().set(m));
    }

    private void openRun(RunId id) {
        String database = context.settings().database();
        context.background().run("Opening run " + id, () -> context.store(database, context.background()::say)
                .loadRun(id).orElseThrow(() -> new IllegalArgumentException("run " + id + " is no longer in "
                        + context.databaseDescription())), model::open, m -> outcome.setText(m));
    }

    private void chooseExportTarget() {
        RunDetail run = model.openedProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the report");
        String extension = format.getValue() == ReportFormat.PDF ? ".pdf"
                : format.getValue() == ReportFormat.JSON ? ".json" : ".xml";
        chooser.setInitialFileName((format.getValue() == ReportFormat.JUNIT ? "TEST-" : "")
                + run.start().sequenceName() + "-" + run.id().toString().substring(0, 8) + extension);
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            export(file.toPath());
        }
    }

    /** Exports the opened run's report to a file; asks for the signing password when an identity is set. */
    public void export(Path target) {
        RunDetail run = model.openedProperty().get();
        if (run == null) {
            return;
        }
        String identitySetting = context.settings().signingIdentity();
        Path identity = identitySetting.isEmpty() ? null : Path.of(identitySetting);
        char[] password = null;
        if (identity != null) {
            Optional<char[]> given = PasswordDialog.ask(getScene().getWindow(), "Sign the report of run " + run.id()
                    + " with " + identity.getFileName());
            if (given.isEmpty()) {
                outcome.setText("Export cancelled: no signing password");
                return;
            }
            password = given.get();
        }
        char[] secret = password;
        ReportFormat chosen = format.getValue();
        String tsa = tsaUrl.getText() == null || tsaUrl.getText().isBlank() ? null : tsaUrl.getText().strip();
        SignatureLevel chosenLevel = level.getValue();
        context.background().run("Exporting the report", () -> ResultsViewModel.export(run, chosen, target, identity,
                secret, SigningOptions.of(chosenLevel == null ? null : chosenLevel.externalName(),
                        tsa == null ? null : TimeStampClient.of(tsa))), outcome::setText,
                m -> outcome.setText("Report not written: " + m));
    }

    private void chooseVerifyFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Verify a signed report");
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            verify(file.toPath());
        }
    }

    /** Verifies a report file against the CA of the settings, off the UI thread. */
    public void verify(Path file) {
        String ca = context.settings().reportCa();
        Path caFile = ca.isEmpty() ? null : Path.of(ca);
        context.background().run("Verifying " + file.getFileName(), () -> ResultsViewModel.verify(file, caFile),
                v -> outcome.setText(ResultsViewModel.describe(v)), m -> outcome.setText("Cannot verify: " + m));
    }
}
