package org.testbench.app.gui;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.testbench.app.gui.bench.BenchView;
import org.testbench.app.gui.mdmsimport.ImportView;
import org.testbench.app.gui.results.ResultsView;
import org.testbench.app.gui.settings.SettingsView;

/**
 * The main window: one tab per screen (Ctrl+1..4 switch between them) and a status line that shows what
 * is being done in the background and any error, in words.
 */
public final class MainWindow {

    public static final String TITLE = "Testbench — smart-meter end-to-end tests";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final TabPane tabs = new TabPane();
    private final BenchView bench;
    private final ImportView mdmsImport;
    private final ResultsView results;
    private final SettingsView settings;
    private final Scene scene;
    private final LabControl labControl;

    public MainWindow(GuiContext context) {
        labControl = new LabControl(context);
        bench = new BenchView(context, labControl);
        mdmsImport = new ImportView(context);
        results = new ResultsView(context);
        settings = new SettingsView(context, labControl);
        tabs.getTabs().addAll(tab("Bench", "benchTab", bench), tab("MDMS import", "importTab", mdmsImport),
                tab("Results", "resultsTab", results), tab("Settings", "settingsTab", settings));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            boolean showingResults = now != null && now.getContent() == results;
            results.showing(showingResults);
            if (showingResults) {
                results.refresh();
            }
        });

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(context.background().busyProperty());
        Label status = new Label();
        status.setId("statusLine");
        status.textProperty().bind(context.background().statusProperty());
        context.background().lastFailedProperty().addListener((o, old, failed) -> {
            status.getStyleClass().remove("status-error");
            if (failed) {
                status.getStyleClass().add("status-error");
            }
        });
        Label database = new Label();
        database.textProperty().bind(context.settingsProperty().map(s -> "Results: "
                + context.databaseDescription()));
        database.getStyleClass().add("status-database");
        database.setMaxWidth(520);
        status.setMinWidth(300);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(8, busy, status, spacer, database);
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        statusBar.getStyleClass().add("status-bar");

        BorderPane root = new BorderPane(tabs);
        root.setBottom(statusBar);
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(MainWindow.class.getResource("testbench.css").toExternalForm());
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> tabs.getSelectionModel().select(index));
        }
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    public Scene scene() {
        return scene;
    }

    public TabPane tabs() {
        return tabs;
    }

    public BenchView bench() {
        return bench;
    }

    public ImportView mdmsImport() {
        return mdmsImport;
    }

    public ResultsView results() {
        return results;
    }

    public LabControl labControl() {
        return labControl;
    }

    public SettingsView settings() {
        return settings;
    }
}
