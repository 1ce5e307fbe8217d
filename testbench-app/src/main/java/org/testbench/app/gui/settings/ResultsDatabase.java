package org.testbench.app.gui.settings;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.ResultStoreException;

/**
 * Which results database a command or the desktop app uses, so that a lab PC recording into the lab's
 * shared database needs no {@code --db} on every command: the URL given ({@code --db}, or the desktop app's
 * setting), else {@value #URL_VARIABLE}, else the {@code database} of the desktop app's settings file, else
 * the H2 file of this user. User and password come from {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE}.
 *
 * @param url empty for the default H2 file
 * @param source where the URL came from, for messages: "--db", "TESTBENCH_DB_URL", the settings file
 */
public record ResultsDatabase(Optional<String> url, String source) {

    public static final String URL_VARIABLE = "TESTBENCH_DB_URL";
    public static final String USER_VARIABLE = "TESTBENCH_DB_USER";
    public static final String PASSWORD_VARIABLE = "TESTBENCH_DB_PASSWORD";

    /**
     * @param given the URL the user gave for this command, or null
     * @param givenSource what the user gave it with, e.g. "--db"
     * @throws IOException when the settings file cannot be read, naming it
     */
    public static ResultsDatabase choose(String given, String givenSource, Map<String, String> environment,
            SettingsStore settings) throws IOException {
        if (given != null && !given.isBlank()) {
            return new ResultsDatabase(Optional.of(given.strip()), givenSource);
        }
        String variable = environment.get(URL_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new ResultsDatabase(Optional.of(variable.strip()), URL_VARIABLE);
        }
        String saved = settings.load().database();
        if (!saved.isEmpty()) {
            return new ResultsDatabase(Optional.of(saved), settings.file().toString());
        }
        return new ResultsDatabase(Optional.empty(), "the default");
    }

    /** This process's choice: its environment and the settings file at its default location. */
    public static ResultsDatabase choose(String given, String givenSource) throws IOException {
        return choose(given, givenSource, System.getenv(), SettingsStore.defaultLocation());
    }

    public ResultStore open() throws ResultStoreException {
        if (url.isEmpty()) {
            return ResultStore.openDefault();
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        return ResultStore.open(url.get(), System.getenv(USER_VARIABLE),
                password == null ? null : password.toCharArray());
    }

    /** The URL as people read it (a password in it stays in it: print {@link #toString()} instead). */
    public String display() {
        return url.map(u -> u.replaceAll("(?i)((?:ssl)?password=)[^;&]*", "$1***")).orElse(ResultStore.defaultUrl());
    }

    @Override
    public String toString() {
        return display() + " (" + source + ")";
    }
}
