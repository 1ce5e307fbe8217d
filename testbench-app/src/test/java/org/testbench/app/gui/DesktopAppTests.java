package org.testbench.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.app.gui.bench.PositionTile;
import org.testbench.app.gui.bench.TileState;
import org.testbench.app.gui.results.ResultsViewModel;
import org.testbench.app.gui.settings.GuiSettings;
import org.testbench.app.gui.settings.SettingsStore;
import org.testbench.app.runs.BundledSamples;
import org.testbench.mdms.audit.ApiAuditor;
import org.testbench.mdms.audit.AuditReport;
import org.testbench.mdms.audit.Coverage;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.sequences.report.EvaluationPki;
import org.testbench.sequences.report.SignatureVerifier;
import org.testbench.sequences.report.Verification;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunQuery;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.RunSummary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app's main flows, headless (Monocle), on the real virtual lab, engine, database and
 * report signing: the window is driven with the mouse and keyboard as a person would.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTests {

    private static final char[] SIGNING_PASSWORD = "qa-test-password".toCharArray();

    @TempDir
    static Path dir;

    private GuiContext context;
    private MainWindow window;
    private EvaluationPki.Created pki;

    @Start
    void start(Stage stage) throws Exception {
        Path testDir = Files.createTempDirectory(dir, "app");
        pki = EvaluationPki.init(testDir.resolve("pki"), SIGNING_PASSWORD.clone(), "Testbench GUI test QA", Instant.now());
        GuiSettings settings = new GuiSettings("", "", "", "", "", pki.signerFile().toString(), pki.caFile().toString(),
                "jdbc:h2:file:" + testDir.resolve("results"), 3);
        SettingsStore store = new SettingsStore(testDir.resolve("config").resolve("gui.properties"));
        // the virtual MDMS answers 20 times faster than real RF: the same protocol in less time
        context = new GuiContext(store, settings, Background.onFxThread(),
                new GuiOptions(0.05, Optional.empty()));
        window = TestbenchApp.open(stage, context);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void theWindowIsTitledTestbenchAndFitsTheLabScreen(FxRobot robot) {
        Stage stage = (Stage) window.scene().getWindow();
        assertThat(stage.getTitle()).contains("Testbench");
        assertThat(window.scene().getWidth()).isLessThanOrEqualTo(1280);
        assertThat(window.scene().getHeight()).isLessThanOrEqualTo(800);
        // the screens by keyboard: Ctrl+3 is Results, Ctrl+1 the bench
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("resultsTab");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("benchTab");
    }

    @Test
    void theE2eTestOnTheVirtualLabTurnsEveryTileGreenAndItsSignedReportVerifies(FxRobot robot) throws Exception {
        robot.clickOn("Settings");
        robot.clickOn("#startLabButton");
        waitFor(60, () -> context.labProperty().get() != null);
        robot.clickOn("Bench");
        List<PositionTile> tiles = window.bench().model().tiles();
        assertThat(tiles).hasSize(3);
        robot.clickOn("#startButton");
        waitFor(120, () -> !window.bench().model().runningProperty().get()
                && tiles.stream().allMatch(t -> t.stateProperty().get() != TileState.IDLE
                && t.stateProperty().get() != TileState.RUNNING));

        for (PositionTile tile : tiles) {
            assertThat(tile.stateProperty().get()).as("position %d: %s", tile.position(),
                    tile.messageProperty().get()).isEqualTo(TileState.PASS);
            Node view = robot.lookup("#tile-" + tile.position()).query();
            assertThat(view.getStyleClass()).contains("tile-pass");
            assertThat(tile.currentProperty().get()).endsWith(" A");
            assertThat(tile.progressProperty().get()).isEqualTo(1.0);
        }
        assertThat(window.bench().model().currents()).hasSize(3);
        assertThat(window.bench().model().log()).anyMatch(l -> l.contains("e2e-load-switch"));

        // the run is in the database, and Results opens it with its steps
        RunSummary recorded;
        try (ResultStore store = ResultStore.open(context.settings().database(), null, null)) {
            recorded = store.findRuns(RunQuery.all()).get(0);
        }
        robot.clickOn("Results");
        waitFor(30, () -> !window.results().model().runs().isEmpty());
        TableView<?> runs = robot.lookup("#runsTable").queryAs(TableView.class);
        robot.clickOn(robot.from(runs).lookup(".table-row-cell").nth(0).queryAs(Node.class));
        waitFor(30, () -> window.results().model().detailProperty().get() != null);
        TreeView<String> detail = robot.lookup("#runDetail").queryAs(TreeView.class);
        assertThat(detail.getRoot().getValue()).contains(recorded.id().toString()).contains("e2e-load-switch")
                .contains("PASS");
        List<String> positionLines = detail.getRoot().getChildren().stream().map(TreeItem::getValue)
                .filter(v -> v.startsWith("Position")).toList();
        assertThat(positionLines).hasSize(3);
        TreeItem<String> firstPosition = detail.getRoot().getChildren().stream()
                .filter(i -> i.getValue().startsWith("Position 1")).findFirst().orElseThrow();
        assertThat(firstPosition.getChildren()).anyMatch(s -> s.getValue().contains("open through the MDMS: PASS"));

        // export the report as PDF, signed: the password is typed into the dialog
        Path pdf = dir.resolve("report-" + recorded.id() + ".pdf");
        Platform.runLater(() -> window.results().export(pdf));
        waitFor(10, () -> robot.lookup("#signingPassword").tryQuery().isPresent());
        robot.clickOn("#signingPassword").write(new String(SIGNING_PASSWORD)).type(KeyCode.ENTER);
        waitFor(60, () -> Files.exists(pdf));
        Verification v = new SignatureVerifier(SignatureVerifier.readCertificates(pki.caFile())).verify(pdf);
        assertThat(v.valid()).as(v.message()).isTrue();
        assertThat(v.signer().orElseThrow()).contains("Testbench GUI test QA");

        // and the app's own verification says so
        Platform.runLater(() -> window.results().verify(pdf));
        waitFor(30, () -> robot.lookup("#resultsOutcome").queryTextInputControl().getText().startsWith("VALID"));
    }

    /** Other benches record into the same database: their runs appear and change without a click. */
    @Test
    void theResultsBrowserShowsRunsOfOtherStationsLiveAndFiltersByStation(FxRobot robot) throws Exception {
        robot.clickOn("Results");
        waitFor(30, () -> "No runs match.".equals(window.results().model().messageProperty().get()));
        ObservableList<ResultsViewModel.RunRow> rows = window.results().model().runs();

        // Another bench records into the same database while it runs: its store stays open, as a bench's does.
        try (ResultStore otherBenches = ResultStore.open(context.settings().database(), null, null)) {
            RunId north = otherBenches.startRun(otherStation("bench-north"));
            otherBenches.startRun(otherStation("bench-south"));
            waitFor(60, () -> rows.size() == 2);
            assertThat(rows).extracting(ResultsViewModel.RunRow::station)
                    .containsExactlyInAnyOrder("bench-north", "bench-south");
            assertThat(rows).extracting(ResultsViewModel.RunRow::verdict).containsOnly("RUNNING");
            TableView<?> table = robot.lookup("#runsTable").queryAs(TableView.class);
            assertThat(table.getColumns()).extracting(c -> c.getText()).contains("Station");

            // the selected run stays selected while the list changes, and its verdict arrives
            robot.interact(() -> table.getSelectionModel().select(rows.stream()
                    .filter(r -> r.summary().id().equals(north)).findFirst().map(rows::indexOf).orElseThrow()));
            otherBenches.finishRun(north, Verdict.PASS, Instant.now());
            waitFor(60, () -> rows.stream().anyMatch(r -> r.summary().id().equals(north)
                    && r.verdict().equals("PASS")));
            waitFor(30, () -> table.getSelectionModel().getSelectedItem() instanceof ResultsViewModel.RunRow row
                    && row.summary().id().equals(north));

            // the station filter offers the stations seen, and keeps the other benches' runs out
            assertThat(window.results().model().stations()).contains("bench-north", "bench-south");
            robot.clickOn("#filterStation").write("bench-south").type(KeyCode.ENTER);
            waitFor(30, () -> rows.size() == 1);
            assertThat(rows.get(0).station()).isEqualTo("bench-south");
            otherBenches.startRun(otherStation("bench-north"));
            otherBenches.startRun(otherStation("bench-south"));
            waitFor(60, () -> rows.size() == 2);
            assertThat(rows).extracting(ResultsViewModel.RunRow::station).containsOnly("bench-south");
        }
    }

    private static RunStart otherStation(String station) {
        return RunStart.newBuilder().sequence("e2e-load-switch", "sequence: e2e-load-switch\n")
                .softwareVersion("testbench 0.1.0").operator("tech-" + station).station(station)
                .lab("{\"lab\":\"" + station + "\"}").plannedPositions(1, 2).startedAt(Instant.now()).build();
    }

    @Test
    void anOperatorPromptIsAnsweredByTypingOrScanningTheSerial(FxRobot robot) throws Exception {
        Path sequence = dir.resolve("nameplate.yaml");
        Files.writeString(sequence, """
                sequence: nameplate-scan
                title: The technician scans the nameplate
                steps:
                  - id: scanned
                    name: scan the nameplate
                    prompt: {kind: scan, message: "Scan the meter's nameplate", into: serial}
                  - name: the scanned serial is the meter's
                    check:
                      value: ${scanned.serial}
                      equals: ${serial}
                      finding: ID_MISMATCH
                      message: "scanned ${scanned.serial}, the bench says ${serial}"
                """);
        robot.clickOn("#benchStartLab");
        waitFor(60, () -> context.labProperty().get() != null);
        robot.interact(() -> window.bench().addSequenceFile(sequence));
        robot.interact(() -> window.bench().model().selectAll(false));
        robot.clickOn("#select-1");
        assertThat(window.bench().model().selectedPositions()).containsExactly(1);
        String serial = window.bench().model().tile(1).orElseThrow().serialProperty().get();
        assertThat(serial).isNotBlank();

        robot.clickOn("#startButton");
        waitFor(30, () -> robot.lookup("#promptAnswer").tryQuery().isPresent());
        assertThat(robot.lookup("#promptMessage").queryLabeled().getText()).isEqualTo("Scan the meter's nameplate");
        // a barcode scanner is a keyboard: the serial, then Enter
        // Monocle gives the keyboard to a new window only when it is clicked (a desktop's window manager does it
        // by itself): click the dialog's text, not the field — the field has the focus, the scanner just types
        robot.clickOn("#promptMessage");
        robot.write(serial);
        assertThat(robot.lookup("#promptAnswer").queryTextInputControl().getText()).isEqualTo(serial);
        robot.type(KeyCode.ENTER);
        waitFor(30, () -> !window.bench().model().runningProperty().get());
        PositionTile first = window.bench().model().tile(1).get();
        assertThat(first.stateProperty().get()).as("%s; log %s", first.messageProperty().get(),
                window.bench().model().log()).isEqualTo(TileState.PASS);
        assertThat(window.bench().model().tile(2).get().stateProperty().get()).isEqualTo(TileState.IDLE);
        assertThat(window.bench().model().log()).anyMatch(l -> l.contains("prompt") && l.contains(serial));
    }

    @Test
    void theLibrarysLastGaspTestPassesOnTheAppsVirtualLab(FxRobot robot) throws Exception {
        // The app's lab has the event path (broker, gateway, MDMS subscription) and the run gets the bench's ear
        // on the broker: without either, events.expect ends in ERROR.
        robot.clickOn("#benchStartLab");
        waitFor(60, () -> context.labProperty().get() != null);
        robot.interact(() -> window.bench().addSequenceFile(Path.of("../samples/sequences/event-last-gasp.yaml")
                .toAbsolutePath().normalize()));
        robot.interact(() -> window.bench().model().selectAll(true));

        robot.clickOn("#startButton");
        waitFor(60, () -> !window.bench().model().runningProperty().get());
        // PASS, but for a LATENCY a loaded machine may cause: the 500 ms window is wall-clock time.
        List<String> log = window.bench().model().log();
        for (int position : window.bench().model().selectedPositions()) {
            PositionTile tile = window.bench().model().tile(position).orElseThrow();
            List<String> findings = log.stream().filter(l -> l.contains("pos " + position + "  finding ")).toList();
            boolean onlyLatency = !findings.isEmpty() && findings.stream().allMatch(l -> l.contains("finding LATENCY:"));
            assertThat(tile.stateProperty().get()).as("position %d: %s; log %s", position,
                    tile.messageProperty().get(), log).isIn(onlyLatency ? List.of(TileState.PASS, TileState.FAIL)
                    : List.of(TileState.PASS));
        }
        assertThat(log).anyMatch(l -> l.contains("last gasp") && (l.contains("PASS") || l.contains("FAIL")));
    }

    @Test
    void discoveryAtAPositionSuggestsAProfileThatIsSavedAndUsedForItsLaterRuns(FxRobot robot) throws Exception {
        robot.clickOn("#benchStartLab");
        waitFor(60, () -> context.labProperty().get() != null);
        Path saved = dir.resolve("discovered").resolve("position-1.yaml");

        robot.clickOn("#discover-1");
        // The meter is read off the UI thread; the suggestion comes back in a dialog.
        waitFor(60, () -> robot.lookup("#discoveredProfile").tryQuery().isPresent());
        javafx.scene.control.TextArea yaml = robot.lookup("#discoveredProfile").queryAs(javafx.scene.control.TextArea.class);
        assertThat(yaml.getText()).contains("profile: 1").contains("serial: 0.0.96.1.0.255")
                .contains("disconnectControl: 0.0.96.3.10.255").contains("# ");
        robot.interact(() -> robot.lookup("#discoveredProfileFile").queryAs(javafx.scene.control.TextField.class)
                .setText(saved.toString()));
        robot.clickOn("Save and use");

        waitFor(10, () -> Files.exists(saved));
        assertThat(org.testbench.sequences.profile.MeterProfileReader.read(saved).objects()
                .find(org.testbench.drivers.profile.MeterObject.SERIAL)).isPresent();
        PositionTile tile = window.bench().model().tile(1).orElseThrow();
        assertThat(tile.meterTypeProperty().get()).startsWith("Discovered at position 1");
        assertThat(window.bench().model().chosenProfiles()).containsKey(1);
    }

    @Test
    void abortStopsTheRunningStepAndTheCleanupStillRuns(FxRobot robot) throws Exception {
        Path sequence = dir.resolve("long.yaml");
        Files.writeString(sequence, """
                sequence: long-wait
                steps:
                  - name: a step that takes long
                    wait: 10 min
                cleanup:
                  - name: leave the bench safe
                    wait: 1 ms
                """);
        robot.clickOn("#benchStartLab");
        waitFor(60, () -> context.labProperty().get() != null);
        robot.interact(() -> window.bench().addSequenceFile(sequence));
        robot.clickOn("#startButton");
        waitFor(30, () -> window.bench().model().tiles().stream()
                .allMatch(t -> t.stepProperty().get().contains("a step that takes long")));

        robot.clickOn("#abortButton");
        waitFor(30, () -> !window.bench().model().runningProperty().get());

        for (PositionTile tile : window.bench().model().tiles()) {
            assertThat(tile.stateProperty().get()).isEqualTo(TileState.ABORTED);
            assertThat(window.bench().model().log()).anyMatch(l -> l.contains("pos " + tile.position() + " ")
                    && l.contains("leave the bench safe") && l.contains("PASS"));
        }
        assertThat(robot.lookup("#runStatus").queryLabeled().getText()).startsWith("ABORTED");
    }

    /**
     * A real lab is a bench.yaml: here one that describes a virtual lab the test starts, with its MDMS token in a
     * variable nobody sets, so the app asks for it — and for the bench's TLS identity's and the meter keystore's
     * passwords — in dialogs.
     */
    @Test
    void aRealLabFromBenchYamlRunsWithTheSecretsTypedIntoDialogs(FxRobot robot) throws Exception {
        String envPassword = System.getenv(org.testbench.drivers.keys.MeterKeyStore.PASSWORD_VARIABLE);
        char[] keystorePassword = (envPassword != null && !envPassword.isEmpty() ? envPassword
                : org.testbench.app.runs.LabBench.randomSecret()).toCharArray();
        String token = org.testbench.app.runs.LabBench.randomSecret();
        String envIdentityPassword = System.getenv(org.testbench.sequences.mdms.MdmsConnection.TLS_PASSWORD_VARIABLE);
        String identityPassword = envIdentityPassword != null && !envIdentityPassword.isEmpty() ? envIdentityPassword
                : org.testbench.app.runs.LabBench.randomSecret();
        Path identity = dir.resolve("bench-identity.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=gui-test",
                "-storetype", "PKCS12", "-keystore", identity.toString(), "-storepass", identityPassword)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.out").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        try (org.testbench.lab.VirtualLab lab = org.testbench.lab.VirtualLab.start(org.testbench.lab.LabConfig.builder()
                .meters(2).keystorePassword(keystorePassword.clone()).opticalPty(false).benchPty(false)
                .mdmsToken(token).mdmsTimeScale(0.05).build())) {
            org.testbench.app.runs.MdmsFiles files = org.testbench.app.runs.MdmsFiles.extract(lab.workDir());
            StringBuilder yaml = new StringBuilder("bench:\n  port: " + lab.bench().scpiEndpoint() + "\npositions:\n");
            for (org.testbench.lab.meter.VirtualMeter m : lab.meters()) {
                yaml.append("  - position: ").append(m.position()).append("\n    serial: \"").append(m.serial())
                        .append("\"\n    optical: ").append(m.opticalEndpoint()).append("\n    ami: ")
                        .append(m.amiEndpoint()).append("\n");
            }
            yaml.append("mdms:\n  url: ").append(lab.mdms().url()).append("\n  spec: ").append(files.spec())
                    .append("\n  binding: ").append(files.binding())
                    .append("\n  token_env: TESTBENCH_GUI_TEST_TOKEN_NOT_SET\n  identity: ").append(identity)
                    .append("\n  latency: rf\nkeystore: ")
                    .append(lab.keystore()).append("\n");
            Path benchYaml = dir.resolve("bench.yaml");
            Files.writeString(benchYaml, yaml);

            robot.clickOn("Settings");
            robot.clickOn("#benchYamlField").write(benchYaml.toString());
            robot.clickOn("#saveSettings");
            waitFor(30, () -> context.configuredLabProperty().get() != null);
            robot.clickOn("Bench");
            assertThat(window.bench().model().tiles()).hasSize(2);
            assertThat(robot.lookup("#runStatus").queryLabeled().getText()).contains(benchYaml.toString());

            // Each dialog names what it asks for; every secret without its variable is asked once.
            Map<String, String> answers = new HashMap<>();
            answers.put("MDMS token:", token);
            if (envIdentityPassword == null || envIdentityPassword.isEmpty()) {
                answers.put("Identity password:", identityPassword);
            }
            if (envPassword == null || envPassword.isEmpty()) {
                answers.put("Keystore password:", new String(keystorePassword));
            }
            robot.clickOn("#startButton");
            while (!answers.isEmpty()) {
                waitFor(30, () -> robot.lookup("#signingPassword").tryQuery().isPresent());
                PasswordField field = robot.lookup("#signingPassword").queryAs(PasswordField.class);
                String asked = ((Label) ((VBox) field.getParent()).getChildren().get(0)).getText();
                assertThat(answers).as("a dialog asks for %s", asked).containsKey(asked);
                robot.clickOn(field).write(answers.remove(asked)).type(KeyCode.ENTER);
                waitFor(10, () -> robot.lookup("#signingPassword").tryQuery().map(n -> n != field).orElse(true));
            }
            waitFor(120, () -> window.bench().model().tiles().stream()
                    .allMatch(t -> t.stateProperty().get() == TileState.PASS || t.stateProperty().get() == TileState.FAIL
                            || t.stateProperty().get() == TileState.ERROR || t.stateProperty().get() == TileState.ABORTED)
                    && !window.bench().model().runningProperty().get());
            for (PositionTile tile : window.bench().model().tiles()) {
                assertThat(tile.stateProperty().get()).as("position %d: %s; log %s", tile.position(),
                        tile.messageProperty().get(), window.bench().model().log()).isEqualTo(TileState.PASS);
            }
            // the run is recorded with the configuration it ran on; the token is nowhere in the database
            try (ResultStore store = ResultStore.open(context.settings().database(), null, null)) {
                RunSummary run = store.findRuns(RunQuery.all()).get(0);
                assertThat(store.loadRun(run.id()).orElseThrow().start().lab()).isEqualTo(benchYaml.toString());
            }
            Path dbFile = Path.of(context.settings().database().substring("jdbc:h2:file:".length()) + ".mv.db");
            assertThat(new String(Files.readAllBytes(dbFile), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(token);
        }
    }

    @Test
    void importingAnOpenApiFileShowsItsCatalogAndAudit(FxRobot robot) throws Exception {
        robot.clickOn("MDMS import");
        robot.clickOn("#sample-mdms-v1");
        waitFor(60, () -> window.mdmsImport().model().resultProperty().get() != null);

        ApiCatalog catalog = SpecImporter.defaults().importFile(BundledSamples.openApi("mdms-v1.yaml", dir));
        AuditReport audit = new ApiAuditor().audit(catalog);
        TableView<?> operations = robot.lookup("#operationsTable").queryAs(TableView.class);
        assertThat(operations.getItems()).hasSize(catalog.operations().size());
        ListView<String> figures = robot.lookup("#auditFigures").queryListView();
        for (Coverage c : audit.coverage()) {
            assertThat(figures.getItems()).anyMatch(f -> f.startsWith(c.count() + "/" + c.total() + " ")
                    && f.endsWith(c.figure().label()));
        }
        assertThat(robot.lookup("#importSummary").queryLabeled().getText()).contains(catalog.title())
                .contains(catalog.operations().size() + " operations");
        assertThat(robot.lookup("#bindingStatus").queryLabeled().getText()).contains("usable");

        // an edit that breaks the binding is caught by Validate
        robot.interact(() -> window.mdmsImport().model().bindingTextProperty().set("capabilities: [not a binding"));
        robot.clickOn("#validateBinding");
        assertThat(robot.lookup("#bindingStatus").queryLabeled().getText()).contains("cannot be read");
        assertThat(window.mdmsImport().model().bindingProblems()).isNotEmpty();
    }

    private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
