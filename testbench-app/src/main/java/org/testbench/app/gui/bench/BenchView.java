package org.testbench.app.gui.bench;

import java.io.File;
import java.util.List;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.testbench.app.gui.GuiContext;
import org.testbench.app.gui.LabControl;
import org.testbench.app.gui.SecretPrompt;
import org.testbench.app.runs.ConfiguredBench;
import org.testbench.app.runs.BundledSamples;
import org.testbench.app.runs.LabBench;
import org.testbench.app.runs.RecordedRun;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.ResultStore;

/**
 * The technicians' screen: a tile per position, the sequence to run, Start and Abort, the live log and a
 * chart of the current per position. Prompts open a dialog.
 */
public final class BenchView extends BorderPane {

    private final GuiContext context;
    private final BenchViewModel model = new BenchViewModel(Platform::runLater);
    private final BenchRunner runner = new BenchRunner();
    private final ComboBox<SequenceChoice> sequences = new ComboBox<>();
    private final FlowPane tiles = new FlowPane(10, 10);
    private final StackPane tileArea = new StackPane();
    private final VBox noBench;

    public BenchView(GuiContext context, LabControl labControl) {
        this.context = context;
        setId("benchView");
        BundledSamples.SEQUENCES.forEach(f -> sequences.getItems().add(SequenceChoice.bundled(f)));
        sequences.getSelectionModel().select(
                sequences.getItems().stream().filter(c -> "e2e-load-switch.yaml".equals(c.bundledName())).findFirst()
                        .orElse(sequences.getItems().get(0)));
        sequences.setId("sequenceChoice");
        sequences.setPrefWidth(300);
        Button open = new Button("_Open sequence…");
        open.setOnAction(e -> chooseFile());
        Button all = new Button("_All");
        all.setOnAction(e -> model.selectAll(true));
        Button none = new Button("_None");
        none.setOnAction(e -> model.selectAll(false));
        Button start = new Button("_Start");
        start.setId("startButton");
        start.setDefaultButton(false);
        start.getStyleClass().add("primary");
        start.disableProperty().bind(model.runningProperty().or(context.labProperty().isNull()
                .and(context.configuredLabProperty().isNull())));
        start.setOnAction(e -> startSelected());
        Button abort = new Button("A_bort");
        abort.setId("abortButton");
        abort.disableProperty().bind(model.runningProperty().not());
        abort.setOnAction(e -> abort());
        Label status = new Label();
        status.setId("runStatus");
        status.textProperty().bind(model.runStatusProperty());
        status.getStyleClass().add("run-status");
        status.setPadding(new Insets(4, 10, 4, 10));
        ToolBar bar = new ToolBar(new Label("Sequence"), sequences, open, new Label("Positions"), all, none, start,
                abort);

        tiles.setPadding(new Insets(10));
        tiles.setPrefWrapLength(1200);
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        Button startLab = new Button("Start the _virtual lab");
        startLab.setId("benchStartLab");
        startLab.disableProperty().bind(labControl.startingProperty());
        startLab.setOnAction(e -> labControl.start());
        Label hint = new Label("No bench yet. Start the virtual lab to train or demonstrate (meters, bench and MDMS "
                + "simulated in this app), or configure a real lab in Settings.");
        hint.setWrapText(true);
        hint.setMaxWidth(560);
        noBench = new VBox(12, hint, startLab);
        noBench.setAlignment(Pos.CENTER);
        tileArea.getChildren().addAll(scroll, noBench);

        ListView<String> log = new ListView<>(model.log());
        log.setId("runLog");
        log.getStyleClass().add("log");
        model.log().addListener((ListChangeListener<String>) c -> {
            if (!model.log().isEmpty()) {
                log.scrollTo(model.log().size() - 1);
            }
        });
        NumberAxis time = new NumberAxis();
        time.setLabel("seconds since start");
        time.setForceZeroInRange(true);
        NumberAxis amperes = new NumberAxis();
        amperes.setLabel("current (A)");
        LineChart<Number, Number> chart = new LineChart<>(time, amperes, model.currents());
        chart.setId("currentChart");
        chart.setTitle("Current per position");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        SplitPane bottom = new SplitPane(titled("Live log", log), chart);
        bottom.setDividerPositions(0.55);
        SplitPane center = new SplitPane(tileArea, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.45);
        setTop(new VBox(bar, status));
        setCenter(center);

        context.runActiveProperty().bind(model.runningProperty());
        model.tiles().addListener((ListChangeListener<PositionTile>) c -> showTiles());
        context.labProperty().addListener((o, old, lab) -> benchChanged());
        context.configuredLabProperty().addListener((o, old, config) -> benchChanged());
        benchChanged();
    }

    /** The window closes: a run still going is aborted and its cleanup waited for. */
    public void shutdown() {
        runner.abortAndWait(java.time.Duration.ofMinutes(2));
    }

    public BenchViewModel model() {
        return model;
    }

    /** Adds a sequence file to the choices and selects it. */
    public void addSequenceFile(java.nio.file.Path file) {
        SequenceChoice choice = SequenceChoice.file(file);
        sequences.getItems().add(choice);
        sequences.getSelectionModel().select(choice);
    }

    private static Node titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        BorderPane pane = new BorderPane(content);
        pane.setTop(label);
        return pane;
    }

    /** The virtual lab when it runs, else the real lab of the settings. */
    private void benchChanged() {
        if (runner.isRunning()) {
            runner.abort();
        }
        LabBench lab = context.labProperty().get();
        BenchConfiguration config = context.configuredLabProperty().get();
        if (lab != null) {
            model.showPositions(lab.positions(), "the virtual lab");
        } else if (config != null) {
            model.showPositions(ConfiguredBench.positions(config.positions()), config.source());
        } else {
            model.showPositions(List.of());
        }
        noBench.setVisible(lab == null && config == null);
    }

    private void showTiles() {
        tiles.getChildren().setAll(model.tiles().stream().map(t -> new TileView(t, this::chooseProfile)).toList());
    }

    /** A meter profile for one position (docs/meter-profile.md); its errors are shown with their place. */
    private void chooseProfile(int position) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Meter profile for position " + position);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Meter profiles (*.yaml)", "*.yaml",
                "*.yml"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            useProfile(position, file.toPath());
        }
    }

    /** Reads a profile and uses it for a position's later runs (UI thread). */
    public void useProfile(int position, java.nio.file.Path file) {
        try {
            model.chooseProfile(position, org.testbench.sequences.profile.MeterProfileReader.read(file));
            runner.useProfiles(model.chosenProfiles());
        } catch (java.io.IOException | org.testbench.sequences.yaml.InputFileException e) {
            model.runStatusProperty().set("Meter profile not used: " + e.getMessage());
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a sequence");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Sequences (*.yaml, *.yml)", "*.yaml",
                "*.yml"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            addSequenceFile(file.toPath());
        }
    }

    /** Starts the chosen sequence on the selected positions (UI thread). */
    public void startSelected() {
        LabBench lab = context.labProperty().get();
        BenchConfiguration config = context.configuredLabProperty().get();
        SequenceChoice choice = sequences.getValue();
        List<Integer> selected = model.selectedPositions();
        if ((lab == null && config == null) || choice == null) {
            return;
        }
        if (selected.isEmpty()) {
            model.runEnded("Select at least one position");
            return;
        }
        model.runningProperty().set(true);
        String database = context.settings().database();
        String operator = System.getProperty("user.name", "unknown");
        GuiPrompter prompter = new GuiPrompter(Platform::runLater, new PromptDialog(getScene().getWindow()),
                (request, answer) -> Platform.runLater(() -> model.append("pos " + request.position() + "  prompt '"
                        + request.message() + "': " + answer)));
        SecretPrompt secrets = new SecretPrompt(getScene().getWindow());
        context.background().run("Running " + choice.label(), () -> {
            Sequence sequence = choice.load();
            Platform.runLater(() -> model.runStarting(sequence, selected));
            ResultStore store = context.store(database, note -> Platform.runLater(() -> model.append(note)));
            return lab != null ? runner.run(lab, store, sequence, selected, prompter, model.listener(), operator)
                    : runner.run(config, store, sequence, selected, prompter, model.listener(), operator, secrets);
        }, this::runDone, message -> model.runEnded("Could not run: " + message));
    }

    private void runDone(RecordedRun run) {
        RunResult result = run.result();
        long passed = result.positions().stream().filter(p -> p.verdict() == Verdict.PASS).count();
        String text = String.format("%s: %d of %d position(s) passed. Recorded as run %s%s", result.verdict(), passed,
                result.positions().size(), run.runId(),
                run.storeLost().map(lost -> ". Stopped safely: " + lost).orElse(
                        run.failedWrites() > 0 ? " (" + run.failedWrites() + " result(s) could not be recorded)" : ""));
        // the engine's last events may still be queued: end after them
        Platform.runLater(() -> model.runEnded(text));
    }

    private void abort() {
        model.append("Aborting: every position stops at its running step; cleanup still runs");
        context.background().run("Aborting the run", runner::abort, x -> { }, m -> { });
    }
}
