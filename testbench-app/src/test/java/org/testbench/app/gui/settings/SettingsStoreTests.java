package org.testbench.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTests {

    @TempDir
    Path dir;

    @Test
    void noFileMeansDefaults() throws Exception {
        assertThat(new SettingsStore(dir.resolve("gui.properties")).load()).isEqualTo(GuiSettings.defaults());
    }

    @Test
    void savedSettingsComeBackAsTheyWere() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("config").resolve("gui.properties"));
        GuiSettings settings = new GuiSettings("/lab/bench.yaml", "https://mdms.example:8443", "/lab/bench.p12",
                "/lab/mdms-ca.pem", "/lab/meter-keys.p12", "/qa/qa-signer.p12", "/qa/ca.pem",
                "jdbc:postgresql://db/testbench", 7);

        store.save(settings);

        assertThat(store.load()).isEqualTo(settings);
        // paths and addresses only: no password, token or key material in the file
        assertThat(Files.readString(store.file()).toLowerCase()).doesNotContain("password").doesNotContain("token");
        try (var listing = Files.list(store.file().getParent())) {
            assertThat(listing).containsExactly(store.file());
        }
    }

    @Test
    void aBrokenEntryNamesTheFileAndTheEntry() throws Exception {
        Path file = dir.resolve("gui.properties");
        Files.writeString(file, "lab.meters = many\n");
        assertThatThrownBy(() -> new SettingsStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("lab.meters 'many' is not a number");
        Files.writeString(file, "lab.meters = 0\n");
        assertThatThrownBy(() -> new SettingsStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("1 to 200 meters");
    }
}
