package org.testbench.app.gui.settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.testbench.app.gui.Errors;
import org.testbench.app.gui.GuiContext;
import org.testbench.app.gui.LabControl;
import org.testbench.app.gui.PasswordDialog;
import org.testbench.app.runs.LabBench;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.sequences.config.BenchConfigurationReader;
import org.testbench.sequences.report.EvaluationPki;

/**
 * The settings screen: bench configuration, MDMS, TLS identity, keystores, signing identity, database;
 * and the virtual lab for training and demos. Passwords are never stored: they are asked for when used.
 */
public final class SettingsView extends BorderPane {

    private final GuiContext context;
    private final TextField benchYaml = field("benchYamlField");
    private final TextField mdmsUrl = field("mdmsUrlField");
    private final TextField tlsIdentity = field("tlsIdentityField");
    private final TextField trustedCa = field("trustedCaField");
    private final TextField meterKeystore = field("meterKeystoreField");
    private final TextField signingIdentity = field("signingIdentityField");
    private final TextField reportCa = field("reportCaField");
    private final TextField database = field("databaseField");
    private final TextField mdmsAuthScheme = field("mdmsAuthSchemeField");
    private final TextField mdmsClientId = field("mdmsClientIdField");
    private final TextField mdmsUser = field("mdmsUserField");
    private final Spinner<Integer> labMeters = new Spinner<>(1, 200, GuiSettings.DEFAULT_LAB_METERS);
    private final ChoiceBox<String> labDialect = new ChoiceBox<>(FXCollections.observableArrayList(
            Arrays.stream(MdmsDialect.values()).map(MdmsDialect::externalName).toList()));
    private final Label message = new Label();

    public SettingsView(GuiContext context, LabControl labControl) {
        this.context = context;
        setId("settingsView");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.getColumnConstraints().addAll(new ColumnConstraints(230), new ColumnConstraints(560),
                new ColumnConstraints(110));
        int row = 0;
        row = add(grid, row, "Bench configuration (bench.yaml)", benchYaml, "*.yaml", "*.yml");
        row = add(grid, row, "MDMS URL (overrides bench.yaml)", mdmsUrl);
        mdmsAuthScheme.setPromptText("default: bench.yaml, else what the MDMS's API asks for");
        row = add(grid, row, "MDMS authentication scheme", mdmsAuthScheme);
        row = add(grid, row, "MDMS OAuth2 client id", mdmsClientId);
        row = add(grid, row, "MDMS user (HTTP basic)", mdmsUser);
        row = add(grid, row, "TLS client identity (PKCS#12)", tlsIdentity, "*.p12", "*.pfx");
        row = add(grid, row, "CA of the MDMS server (PEM)", trustedCa, "*.pem", "*.crt");
        row = add(grid, row, "Meter keystore (PKCS#12)", meterKeystore, "*.p12");
        row = add(grid, row, "QA signing identity (PKCS#12)", signingIdentity, "*.p12");
        row = add(grid, row, "CA for verifying reports (PEM)", reportCa, "*.pem", "*.crt");
        database.setPromptText("default: H2 file in ~/.local/share/testbench");
        row = add(grid, row, "Results database (JDBC URL)", database);
        labMeters.setId("labMetersField");
        labMeters.setEditable(true);
        grid.addRow(row++, new Label("Virtual lab: meters"), labMeters);
        labDialect.setId("labDialectField");
        grid.addRow(row++, new Label("Virtual lab: MDMS dialect"), labDialect);
        Button save = new Button("_Save settings");
        save.setId("saveSettings");
        save.setOnAction(e -> save());
        Button evaluationPki = new Button("Create an _evaluation signing identity…");
        evaluationPki.setId("createEvaluationPki");
        evaluationPki.setOnAction(e -> createEvaluationPki());
        Button revert = new Button("_Revert");
        revert.setOnAction(e -> show(context.settings()));
        message.setId("settingsMessage");
        message.setWrapText(true);
        Label where = new Label("Kept in " + context.settingsStore().file() + " — no passwords: the meter keystore's "
                + "comes from TESTBENCH_KEYSTORE_PASSWORD, the TLS identity's from TESTBENCH_TLS_PASSWORD, the MDMS's "
                + "token, API key, password or client secret from its variable or a dialog, the signing password is "
                + "asked for each time.");
        where.setWrapText(true);

        Button startLab = new Button("Start the _virtual lab");
        startLab.setId("startLabButton");
        startLab.getStyleClass().add("primary");
        startLab.disableProperty().bind(context.labProperty().isNotNull().or(labControl.startingProperty()));
        startLab.setOnAction(e -> {
            applyLabSettings();
            labControl.start();
        });
        Button stopLab = new Button("Stop the virtual lab");
        stopLab.setId("stopLabButton");
        stopLab.disableProperty().bind(context.labProperty().isNull().or(context.runActiveProperty()));
        stopLab.setOnAction(e -> labControl.stop());
        Label labState = new Label();
        labState.setId("labState");
        labState.setWrapText(true);
        labState.textProperty().bind(context.labProperty().map(SettingsView::describe).orElse(
                "Virtual lab stopped. It simulates meters (optical and AMI ports), the bench and the reference MDMS "
                        + "in this app, for training and demos."));
        Label labTitle = new Label("Virtual lab (training and demos)");
        labTitle.getStyleClass().add("section-title");
        Label settingsTitle = new Label("Bench and lab configuration");
        settingsTitle.getStyleClass().add("section-title");
        VBox content = new VBox(10, labTitle, new HBox(8, startLab, stopLab), labState, settingsTitle, grid,
                new HBox(8, save, revert, evaluationPki), message, where);
        content.setPadding(new Insets(12));
        setCenter(content);
        show(context.settings());
    }

    private static String describe(LabBench lab) {
        return "Virtual lab running: " + lab.lab().meters().size() + " meter(s), bench " + lab.lab().bench().scpiEndpoint()
                + ", MDMS " + lab.lab().mdms().url() + " (" + lab.lab().mdms().dialect()
                + "). The Bench screen runs sequences on it.";
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        return f;
    }

    private int add(GridPane grid, int row, String label, TextField field, String... extensions) {
        Label l = new Label(label);
        l.setLabelFor(field);
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (extensions.length == 0) {
            grid.addRow(row, l, field);
        } else {
            Button browse = new Button("Browse…");
            browse.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(label);
                chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(label, extensions),
                        new FileChooser.ExtensionFilter("All files", "*"));
                File file = chooser.showOpenDialog(getScene().getWindow());
                if (file != null) {
                    field.setText(file.getAbsolutePath());
                }
            });
            grid.addRow(row, l, field, browse);
        }
        return row + 1;
    }

    private void show(GuiSettings s) {
        benchYaml.setText(s.benchYaml());
        mdmsUrl.setText(s.mdmsUrl());
        tlsIdentity.setText(s.tlsIdentity());
        trustedCa.setText(s.trustedCa());
        meterKeystore.setText(s.meterKeystore());
        signingIdentity.setText(s.signingIdentity());
        reportCa.setText(s.reportCa());
        database.setText(s.database());
        labMeters.getValueFactory().setValue(s.labMeters());
        mdmsAuthScheme.setText(s.mdmsAuthScheme());
        mdmsClientId.setText(s.mdmsClientId());
        mdmsUser.setText(s.mdmsUser());
        labDialect.setValue(s.labDialect());
    }

    private GuiSettings edited() {
        return new GuiSettings(benchYaml.getText(), mdmsUrl.getText(), tlsIdentity.getText(), trustedCa.getText(),
                meterKeystore.getText(), signingIdentity.getText(), reportCa.getText(), database.getText(),
                labMeters.getValue(), mdmsAuthScheme.getText(), mdmsClientId.getText(), mdmsUser.getText(),
                labDialect.getValue());
    }

    /** The lab is started with the meters and dialect on screen, saved or not. */
    private void applyLabSettings() {
        GuiSettings s = context.settings().withLabMeters(labMeters.getValue());
        context.settingsProperty().set(new GuiSettings(s.benchYaml(), s.mdmsUrl(), s.tlsIdentity(), s.trustedCa(),
                s.meterKeystore(), s.signingIdentity(), s.reportCa(), s.database(), s.labMeters(), s.mdmsAuthScheme(),
                s.mdmsClientId(), s.mdmsUser(), labDialect.getValue()));
    }

    /**
     * An evaluation CA and QA signing identity (as {@code testbench pki init} makes), for training and demos:
     * reports can be signed and verified without a company PKI. The new password is asked twice and never stored.
     */
    private void createEvaluationPki() {
        java.util.Optional<char[]> first = PasswordDialog.ask(getScene().getWindow(),
                "A new evaluation CA and QA signing identity (for training: not for real reports)",
                "New signing password:", "Next");
        if (first.isEmpty()) {
            return;
        }
        java.util.Optional<char[]> again = PasswordDialog.ask(getScene().getWindow(), "Repeat the signing password",
                "Signing password again:", "Create");
        if (again.isEmpty() || !java.util.Arrays.equals(first.get(), again.get())) {
            java.util.Arrays.fill(first.get(), '\0');
            again.ifPresent(a -> java.util.Arrays.fill(a, '\0'));
            message.setText(again.isEmpty() ? "No signing identity created" : "The two passwords differ: nothing created");
            return;
        }
        java.util.Arrays.fill(again.get(), '\0');
        char[] password = first.get();
        GuiSettings current = context.settings();
        context.background().run("Creating an evaluation signing identity", () -> {
            try {
                Path dir = evaluationPkiDirectory();
                EvaluationPki.Created created = EvaluationPki.init(dir, password, "Testbench evaluation",
                        java.time.Instant.now());
                GuiSettings updated = current.withReportSigning(created.signerFile().toString(),
                        created.caFile().toString());
                context.saveSettings(updated);
                return updated;
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }, updated -> {
            context.settingsProperty().set(updated);
            show(updated);
            message.setText("Evaluation signing identity created: " + updated.signingIdentity() + " (CA "
                    + updated.reportCa() + ")");
        }, m -> message.setText("No signing identity created: " + m));
    }

    /** A new directory next to the default results database: ~/.local/share/testbench/evaluation-pki-N. */
    private static Path evaluationPkiDirectory() throws java.io.IOException {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share")).resolve("testbench");
        java.nio.file.Files.createDirectories(base);
        for (int i = 1; ; i++) {
            Path dir = base.resolve("evaluation-pki-" + i);
            if (!java.nio.file.Files.exists(dir)) {
                return dir;
            }
        }
    }

    /** Checks what can be checked, then saves; a bad entry is named, and nothing is saved. */
    void save() {
        GuiSettings s;
        try {
            s = edited();
            check(s);
        } catch (IllegalArgumentException e) {
            message.setText("Not saved: " + Errors.readable(e));
            return;
        }
        GuiSettings checked = s;
        context.background().run("Saving settings", () -> {
            if (!checked.benchYaml().isEmpty()) {
                BenchConfigurationReader.readBenchYaml(Path.of(checked.benchYaml()));
            }
            context.saveSettings(checked);
            return checked;
        }, saved -> {
            context.settingsProperty().set(saved);
            context.reloadConfiguredLab();
            message.setText("Saved to " + context.settingsStore().file());
        }, m -> message.setText("Not saved: " + m));
    }

    private static void check(GuiSettings s) {
        if (!s.mdmsUrl().isEmpty() && !s.mdmsUrl().matches("https?://.+")) {
            throw new IllegalArgumentException("the MDMS URL must start with http:// or https://, was " + s.mdmsUrl());
        }
        for (String path : new String[] {s.tlsIdentity(), s.trustedCa(), s.meterKeystore(), s.signingIdentity(),
                s.reportCa()}) {
            if (!path.isEmpty() && !java.nio.file.Files.isRegularFile(Path.of(path))) {
                throw new IllegalArgumentException("file not found: " + path);
            }
        }
        if (!s.database().isEmpty() && !s.database().startsWith("jdbc:")) {
            throw new IllegalArgumentException("the database must be a JDBC URL (jdbc:...), was " + s.database());
        }
    }
}
