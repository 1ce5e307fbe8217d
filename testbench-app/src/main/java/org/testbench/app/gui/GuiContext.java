package org.testbench.app.gui;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.app.gui.settings.ConfiguredLab;
import org.testbench.app.gui.settings.GuiSettings;
import org.testbench.app.gui.settings.ResultsDatabase;
import org.testbench.app.gui.settings.SettingsStore;
import org.testbench.app.runs.LabBench;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.results.RecoveredRun;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.ResultStoreException;

/**
 * What the screens share: the settings, the background worker, the results database (opened on first
 * use, off the UI thread) and the virtual lab when one is running.
 */
public final class GuiContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GuiContext.class);

    private final SettingsStore settingsStore;
    private final Background background;
    private final GuiOptions options;
    private final ObjectProperty<GuiSettings> settings = new SimpleObjectProperty<>(GuiSettings.defaults());
    private final ObjectProperty<LabBench> lab = new SimpleObjectProperty<>();
    private final ObjectProperty<BenchConfiguration> configuredLab = new SimpleObjectProperty<>();
    private final javafx.beans.property.BooleanProperty runActive = new javafx.beans.property.SimpleBooleanProperty();
    private ResultStore store;
    private String storeUrl;

    public GuiContext(SettingsStore settingsStore, GuiSettings initial, Background background, GuiOptions options) {
        this.settingsStore = settingsStore;
        this.background = background;
        this.options = options;
        settings.set(initial);
    }

    public Background background() {
        return background;
    }

    public GuiOptions options() {
        return options;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    /** Read and set on the UI thread. */
    public ObjectProperty<GuiSettings> settingsProperty() {
        return settings;
    }

    public GuiSettings settings() {
        return settings.get();
    }

    /** The running virtual lab, or null. Set on the UI thread. */
    public ObjectProperty<LabBench> labProperty() {
        return lab;
    }

    /** Whether a run is going: the lab is not stopped under it. */
    public javafx.beans.property.BooleanProperty runActiveProperty() {
        return runActive;
    }

    /** The real lab of the settings (bench.yaml with the settings' overrides), or null. Set on the UI thread. */
    public ObjectProperty<BenchConfiguration> configuredLabProperty() {
        return configuredLab;
    }

    /** Reads the settings' bench.yaml again, off the UI thread; a broken file is told in the status line. */
    public void reloadConfiguredLab() {
        GuiSettings current = settings();
        background.run("Reading the bench configuration", () -> ConfiguredLab.read(current),
                config -> configuredLab.set(config.orElse(null)), m -> configuredLab.set(null));
    }

    /**
     * The results database of the current settings; opened here on first use (call off the UI thread).
     * Runs a crashed process left open are told to {@code notes} once, as the CLI prints them.
     */
    public synchronized ResultStore store(String databaseUrl, Consumer<String> notes) throws ResultStoreException {
        String wanted = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl.strip();
        if (store != null && java.util.Objects.equals(wanted, storeUrl)) {
            return store;
        }
        closeStore();
        try {
            store = ResultsDatabase.choose(wanted, "the settings").open();
        } catch (ResultStoreException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new ResultStoreException(ResultStoreException.Reason.OPEN_FAILED, e.getMessage(), e);
        }
        storeUrl = wanted;
        List<RecoveredRun> recovered = store.recoveredRuns();
        for (RecoveredRun r : recovered) {
            notes.accept("Run " + r.id() + " (" + r.sequenceName() + ", started " + r.startedAt()
                    + ") was interrupted and is now ABORTED: " + r.note());
        }
        return store;
    }

    /** Where results go, as people read it. */
    public String databaseDescription() {
        String url = settings().database();
        String variable = System.getenv(ResultsDatabase.URL_VARIABLE);
        return new ResultsDatabase(url.isEmpty() ? java.util.Optional.ofNullable(variable).filter(v -> !v.isBlank())
                : java.util.Optional.of(url), "").display();
    }

    public void saveSettings(GuiSettings s) throws IOException {
        settingsStore.save(s);
    }

    private synchronized void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public void close() {
        LabBench running = lab.get();
        if (running != null) {
            running.close();
        }
        closeStore();
        background.close();
        log.debug("desktop app closed");
    }
}
