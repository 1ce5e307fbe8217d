package org.testbench.sequences.results;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the default results database lives: {@code $XDG_DATA_HOME/testbench/results}, or
 * {@code ~/.local/share/testbench/results} when XDG_DATA_HOME is unset or, against the XDG specification,
 * relative.
 */
final class DefaultLocation {

    static final String FILE_NAME = "results";

    private DefaultLocation() {
    }

    static Path directory() {
        return directory(System.getenv(), System.getProperty("user.home"));
    }

    static Path directory(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "testbench");
        }
        return Path.of(userHome, ".local", "share", "testbench");
    }

    /** The H2 base path of the default database (H2 adds ".mv.db"). */
    static Path databaseFile(Path directory) {
        return directory.resolve(FILE_NAME).toAbsolutePath().normalize();
    }
}
