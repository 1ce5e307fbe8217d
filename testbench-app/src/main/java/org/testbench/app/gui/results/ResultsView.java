package org.testbench.app.gui.results;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
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
import org.testbench.sequences.results.RunQuery;
import org.testbench.sequences.results.RunSummary;

/**
 * The QA screen: find runs, open one, export and sign its report, verify a report file. While live (the default)
 * and shown, the last search runs again every few seconds off the UI thread, so runs that other stations record
 * into the same database appear, and running ones change, without a click.
 */
public final class ResultsView extends BorderPane {

    static final Duration LIVE_INTERVAL = Duration.ofSeconds(3);

    /** A search as the user last asked for it: what live refreshes repeat. */
    private record Search(String database, RunQuery query) {
    }

    private final GuiContext context;
    private final ResultsViewModel model = new ResultsViewModel();
    private final TableView<ResultsViewModel.RunRow> table = new TableView<>(model.runs());
    private final ComboBox<ReportFormat> format = new ComboBox<>();
    /** A time-stamping authority for long-term signatures (docs/signed-reports.md); empty: baseline B. */
    private final javafx.scene.control.TextField tsaUrl = new javafx.scene.control.TextField();
    private final ComboBox<SignatureLevel> level = new ComboBox<>();
    private final TextArea outcome = new TextArea();
    /** Read by the poll thread, written on the UI thread. */
    private volatile Search lastSearch;
    private volatile boolean showing;
    private volatile boolean live = true;

    public ResultsView(GuiContext context) {
        this.context = context;
        setId("resultsView");
        TextField serial = new TextField();
        serial.setId("filterSerial");
        serial.setPromptText("meter serial");
        serial.textProperty().bindBidirectional(model.meterSerialProperty());
        serial.setOnAction(e -> refresh());
        ComboBox<String> station = new ComboBox<>(model.stations());
        station.setId("filterStation");
        station.setEditable(true);
        station.setPromptText("any station");
        station.setPrefWidth(150);
        station.valueProperty().bindBidirectional(model.stationProperty());
        station.setOnAction(e -> refresh());
        CheckBox liveBox = new CheckBox("_Live");
        liveBox.setId("liveRefresh");
        liveBox.selectedProperty().bindBidirectional(model.liveProperty());
        model.liveProperty().addListener((o, old, on) -> live = on);
        liveBox.setTooltip(new Tooltip("Repeat the search every " + LIVE_INTERVAL.toSeconds()
                + " s: runs of every station appear as they are recorded"));
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
        ToolBar bar = new ToolBar(new Label("Meter"), serial, new Label("Station"), station, new Label("From"), from,
                new Label("To"), to, verdict, search, liveBox, count);

        table.setId("runsTable");
        table.getColumns().add(column("Started", ResultsViewModel.RunRow::started, 150));
        table.getColumns().add(column("Sequence", ResultsViewModel.RunRow::sequence, 140));
        table.getColumns().add(column("Station", ResultsViewModel.RunRow::station, 100));
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
        context.background().repeat(LIVE_INTERVAL, this::poll, this::showLive,
                m -> model.messageProperty().set("Live refresh failed: " + m));
    }

    /** The screen is shown (or hidden): live refreshes run only while it is. */
    public void showing(boolean shown) {
        showing = shown;
    }

    /** Poll thread: the last search again, when live and shown; null when there is nothing to do. */
    private List<RunSummary> poll() throws Exception {
        Search search = lastSearch;
        if (!live || !showing || search == null) {
            return null;
        }
        return context.store(search.database(), m -> { }).findRuns(search.query());
    }

    /** UI thread: the runs found live; the selected run stays selected, and is read again when it changed. */
    private void showLive(List<RunSummary> found) {
        ResultsViewModel.RunRow selected = table.getSelectionModel().getSelectedItem();
        if (!model.update(found) || selected == null) {
            return;
        }
        for (int i = 0; i < model.runs().size(); i++) {
            if (model.runs().get(i).summary().id().equals(selected.summary().id())) {
                table.getSelectionModel().select(i);
                return;
            }
        }
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
        RunQuery query;
        try {
            query = model.query();
        } catch (IllegalArgumentException e) {
            model.messageProperty().set(Errors.readable(e));
            return;
        }
        String database = context.settings().database();
        lastSearch = new Search(database, query);
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
