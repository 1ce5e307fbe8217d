package org.testbench.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.mdms.client.auth.AuthSettings;

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
                "jdbc:postgresql://db/testbench", 7, "oauth2", "testbench-lab-3", "bench", "gridflow");

        store.save(settings);

        assertThat(store.load()).isEqualTo(settings);
        // paths and addresses only: no password, token or key material in the file
        assertThat(Files.readString(store.file()).toLowerCase()).doesNotContain("password").doesNotContain("token");
        try (var listing = Files.list(store.file().getParent())) {
            assertThat(listing).containsExactly(store.file());
        }
    }

    @Test
    void theSettingsOverrideTheBenchYamlsMdmsCredentialSettingsAndKeepTheRest() {
        AuthSettings yaml = new AuthSettings(Optional.of("basic"), Optional.of("MDMS_PASSWORD"), Optional.of("lab"),
                Optional.empty(), Optional.empty(), List.of("read"));
        GuiSettings settings = new GuiSettings("", "", "", "", "", "", "", "", 3, "oauth2", "bench-7", "", "");
        assertThat(ConfiguredLab.auth(settings, yaml)).isEqualTo(new AuthSettings(Optional.of("oauth2"),
                Optional.of("MDMS_PASSWORD"), Optional.of("lab"), Optional.of("bench-7"), Optional.empty(),
                List.of("read")));
        assertThat(ConfiguredLab.auth(GuiSettings.defaults(), yaml)).isEqualTo(yaml);
        assertThat(GuiSettings.defaults().dialect()).isEqualTo(MdmsDialect.REFERENCE);
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
        Files.writeString(file, "lab.dialect = vendorx\n");
        assertThatThrownBy(() -> new SettingsStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("unknown MDMS dialect 'vendorx'");
    }
}
