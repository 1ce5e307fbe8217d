package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DefaultLocationTests {

    @TempDir
    Path dir;

    @Test
    void usesXdgDataHome() {
        assertThat(DefaultLocation.directory(Map.of("XDG_DATA_HOME", "/data/lab"), "/home/lab"))
                .isEqualTo(Path.of("/data/lab/testbench"));
    }

    @Test
    void fallsBackToTheHomeDirectoryWhenXdgDataHomeIsUnsetOrRelative() {
        assertThat(DefaultLocation.directory(Map.of(), "/home/lab"))
                .isEqualTo(Path.of("/home/lab/.local/share/testbench"));
        assertThat(DefaultLocation.directory(Map.of("XDG_DATA_HOME", "data"), "/home/lab"))
                .isEqualTo(Path.of("/home/lab/.local/share/testbench"));
    }

    @Test
    void theDefaultUrlIsADurableSharedH2File() {
        assertThat(H2Settings.defaultUrl(Path.of("/home/lab/.local/share/testbench/results")))
                .isEqualTo("jdbc:h2:file:/home/lab/.local/share/testbench/results;AUTO_SERVER=TRUE;WRITE_DELAY=0;"
                        + "MAX_COMPACT_TIME=2000");
        assertThat(ResultStore.defaultUrl()).startsWith("jdbc:h2:file:").contains("/testbench/results;AUTO_SERVER=TRUE;");
    }

    @Test
    void refusesADirectoryH2WouldMisread() {
        assertThatThrownBy(() -> H2Settings.defaultUrl(Path.of("/home/a;b/testbench/results")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contains ';'");
    }

    @Test
    @Timeout(60)
    void openDefaultCreatesTheDatabaseInADirectoryOnlyItsOwnerCanRead() throws Exception {
        try (ChildJvm child = ChildJvm.start(Map.of("XDG_DATA_HOME", dir.toString()), RecordingProcess.class,
                "default")) {
            child.awaitLine("DEFAULT", Duration.ofSeconds(40));
            assertThat(child.awaitExit(Duration.ofSeconds(40))).isZero();
        }
        Path directory = dir.resolve("testbench");
        assertThat(directory.resolve("results.mv.db")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }
}
