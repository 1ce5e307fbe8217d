package org.testbench.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --db, then TESTBENCH_DB_URL, then the desktop app's setting, then the default H2 file. */
class ResultsDatabaseTests {

    static final String LAB = "jdbc:postgresql://lab-db:5432/testbench";

    @TempDir
    Path dir;

    private SettingsStore settings(String database) throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("gui.properties"));
        if (database != null) {
            GuiSettings d = GuiSettings.defaults();
            store.save(new GuiSettings(d.benchYaml(), d.mdmsUrl(), d.tlsIdentity(), d.trustedCa(), d.meterKeystore(),
                    d.signingIdentity(), d.reportCa(), database, d.labMeters()));
        }
        return store;
    }

    @Test
    void theGivenUrlComesFirst() throws Exception {
        assertThat(ResultsDatabase.choose("jdbc:h2:file:/tmp/x", "--db", Map.of(ResultsDatabase.URL_VARIABLE, LAB),
                settings("jdbc:h2:file:/tmp/y"))).isEqualTo(new ResultsDatabase(Optional.of("jdbc:h2:file:/tmp/x"),
                "--db"));
    }

    @Test
    void thenTheVariable() throws Exception {
        assertThat(ResultsDatabase.choose(null, "--db", Map.of(ResultsDatabase.URL_VARIABLE, LAB),
                settings("jdbc:h2:file:/tmp/y"))).isEqualTo(new ResultsDatabase(Optional.of(LAB),
                ResultsDatabase.URL_VARIABLE));
    }

    @Test
    void thenTheDesktopAppsSetting() throws Exception {
        SettingsStore store = settings(LAB);
        assertThat(ResultsDatabase.choose(" ", "--db", Map.of(), store))
                .isEqualTo(new ResultsDatabase(Optional.of(LAB), store.file().toString()));
    }

    @Test
    void elseTheDefaultFile() throws Exception {
        assertThat(ResultsDatabase.choose(null, "--db", Map.of(), settings(null)).url()).isEmpty();
    }

    @Test
    void aPasswordInTheUrlIsNeverShown() {
        ResultsDatabase database = new ResultsDatabase(Optional.of(LAB + "?user=lab&password=hunter2"), "--db");
        assertThat(database.display()).isEqualTo(LAB + "?user=lab&password=***");
        assertThat(database.toString()).doesNotContain("hunter2");
    }
}
