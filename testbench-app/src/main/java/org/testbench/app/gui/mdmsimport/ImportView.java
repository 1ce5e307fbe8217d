package org.testbench.app.gui.mdmsimport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.testbench.app.gui.Errors;
import org.testbench.app.gui.GuiContext;
import org.testbench.app.runs.BundledSamples;
import org.testbench.app.runs.LabBench;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.config.BenchConfigurationReader;

/** The engineers' screen: import an OpenAPI file, read its catalog, audit and changes, edit and save the binding. */
public final class ImportView extends BorderPane {

    private final GuiContext context;
    private final ImportViewModel model = new ImportViewModel();
    private Path samplesDir;

    public ImportView(GuiContext context) {
        this.context = context;
        setId("importView");
        Button open = new Button("_Open OpenAPI file…");
        open.setId("openSpecButton");
        open.setOnAction(e -> chooseSpec());
        ToolBar bar = new ToolBar(open, new Label("Samples:"));
        for (String sample : BundledSamples.OPENAPI) {
            Button b = new Button(sample);
            b.setId("sample-" + sample.replace(".yaml", ""));
            b.setOnAction(e -> importSample(sample));
            bar.getItems().add(b);
        }
        Label summary = new Label();
        summary.setId("importSummary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setPadding(new Insets(4, 8, 0, 8));

        TableView<ImportViewModel.OperationRow> table = new TableView<>(model.operations());
        table.setId("operationsTable");
        table.getColumns().add(column("Method", ImportViewModel.OperationRow::method, 70));
        table.getColumns().add(column("Path", ImportViewModel.OperationRow::path, 230));
        table.getColumns().add(column("operationId", ImportViewModel.OperationRow::operationId, 150));
        table.getColumns().add(column("Audit: missing", ImportViewModel.OperationRow::missing, 260));
        table.setPlaceholder(new Label("Open an OpenAPI file (3.0, 3.1 or Swagger 2.0), or try a sample."));
        ListView<String> figures = new ListView<>(model.auditFigures());
        figures.setId("auditFigures");
        figures.setPrefHeight(175);
        figures.setMinHeight(150);
        ListView<String> findings = new ListView<>(model.auditFindings());
        findings.setId("auditFindings");
        VBox left = new VBox(6, title("Catalog"), table, title("Documentation audit"), figures, findings);
        VBox.setVgrow(table, Priority.ALWAYS);
        findings.setPrefHeight(120);
        VBox.setVgrow(findings, Priority.SOMETIMES);

        Label diffSummary = new Label();
        diffSummary.setId("diffSummary");
        diffSummary.setWrapText(true);
        diffSummary.textProperty().bind(model.diffSummaryProperty());
        ListView<String> changes = new ListView<>(model.changes());
        changes.setId("diffChanges");
        changes.setPrefHeight(140);
        TextArea binding = new TextArea();
        binding.setId("bindingEditor");
        binding.getStyleClass().add("code");
        binding.textProperty().bindBidirectional(model.bindingTextProperty());
        Button validate = new Button("_Validate");
        validate.setId("validateBinding");
        validate.setOnAction(e -> model.validate());
        Button inUse = new Button("_Load binding in use");
        inUse.setOnAction(e -> {
            try {
                model.loadBindingInUse();
            } catch (IOException ex) {
                context.background().say("Cannot read the binding in use: " + Errors.readable(ex));
            }
        });
        Button save = new Button("_Save binding…");
        save.setId("saveBinding");
        save.setOnAction(e -> saveBinding());
        validate.disableProperty().bind(model.resultProperty().isNull());
        inUse.disableProperty().bind(model.resultProperty().isNull());
        save.disableProperty().bind(model.resultProperty().isNull());
        Label status = new Label();
        status.setId("bindingStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.bindingStatusProperty());
        ListView<String> problems = new ListView<>(model.bindingProblems());
        problems.setId("bindingProblems");
        problems.setPrefHeight(110);
        VBox right = new VBox(6, title("Changes from the API in use"), diffSummary, changes, title("Binding"), binding,
                new HBox(8, validate, inUse, save), status, problems);
        VBox.setVgrow(binding, Priority.ALWAYS);

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.55);
        split.setPadding(new Insets(6));
        setTop(new VBox(bar, summary));
        setCenter(split);
    }

    public ImportViewModel model() {
        return model;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static TableColumn<ImportViewModel.OperationRow, String> column(String title,
            java.util.function.Function<ImportViewModel.OperationRow, String> value, double w) {
        TableColumn<ImportViewModel.OperationRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    private void chooseSpec() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an OpenAPI file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("OpenAPI (*.yaml, *.yml, *.json)", "*.yaml",
                "*.yml", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            importSpec(file.toPath());
        }
    }

    /** Imports one of the sample OpenAPI files shipped in the jar. */
    public void importSample(String name) {
        context.background().run("Extracting " + name, () -> {
            if (samplesDir == null) {
                samplesDir = Files.createTempDirectory("testbench-gui-samples");
                samplesDir.toFile().deleteOnExit();
                samplesDir.resolve("openapi").toFile().deleteOnExit();
            }
            Path sample = BundledSamples.openApi(name, samplesDir);
            sample.toFile().deleteOnExit();
            return sample;
        }, this::importSpec, m -> { });
    }

    /** Imports a spec off the UI thread and shows it. */
    public void importSpec(Path spec) {
        Optional<ImportResult.InUse> inUse = apiInUse();
        context.background().run("Importing " + spec.getFileName(), () -> ImportViewModel.importSpec(spec, inUse),
                model::show, message -> model.summaryProperty().set("Import failed: " + message));
    }

    /** The API the bench drives now: the virtual lab's MDMS, or the one bench.yaml configures. */
    private Optional<ImportResult.InUse> apiInUse() {
        LabBench lab = context.labProperty().get();
        if (lab != null) {
            return Optional.of(new ImportResult.InUse("the virtual lab's MDMS", lab.mdmsFiles().spec(),
                    lab.mdmsFiles().binding()));
        }
        String benchYaml = context.settings().benchYaml();
        if (!benchYaml.isEmpty()) {
            try {
                BenchConfiguration config = BenchConfigurationReader.readBenchYaml(Path.of(benchYaml));
                return config.mdms().map(m -> new ImportResult.InUse(benchYaml, m.spec(), m.binding()));
            } catch (Exception e) {
                context.background().say("bench.yaml not usable for the comparison: " + Errors.readable(e));
            }
        }
        return Optional.empty();
    }

    private void saveBinding() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the binding");
        chooser.setInitialFileName("mdms.binding.yaml");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            model.save(file.toPath());
            context.background().say("Binding saved to " + file);
        } catch (Exception e) {
            context.background().say("Binding not saved: " + Errors.readable(e));
        }
    }
}
