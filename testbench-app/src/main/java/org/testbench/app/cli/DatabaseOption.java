package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.testbench.app.gui.settings.ResultsDatabase;
import org.testbench.sequences.results.RecoveredRun;
import org.testbench.sequences.results.ResultStore;
import picocli.CommandLine.Option;

/**
 * {@code --db URL}: where results go. Without it, {@code TESTBENCH_DB_URL}, then the database of the desktop
 * app's settings, then an H2 file in the user's data directory ({@link ResultsDatabase}); any JDBC URL
 * works the same (PostgreSQL for a lab with several benches), with user and password from
 * {@code TESTBENCH_DB_USER} and {@code TESTBENCH_DB_PASSWORD}.
 */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Results database (default: TESTBENCH_DB_URL, else the desktop app's setting, else an H2 "
                    + "file in ~/.local/share/testbench). User and password from TESTBENCH_DB_USER and "
                    + "TESTBENCH_DB_PASSWORD.")
    String url;

    private ResultsDatabase chosen;

    /** The database this command uses, chosen once. */
    ResultsDatabase database() throws IOException {
        if (chosen == null) {
            chosen = ResultsDatabase.choose(url, "--db");
        }
        return chosen;
    }

    /** Where results go, as people read it: the URL without its password. */
    String display() {
        return chosen != null ? chosen.display() : url != null ? new ResultsDatabase(java.util.Optional.of(url),
                "--db").display() : ResultStore.defaultUrl();
    }

    /** Opens the store; runs a crashed process left open are reported as aborted. */
    ResultStore open(PrintWriter messages) throws IOException {
        ResultStore store = database().open();
        for (RecoveredRun r : store.recoveredRuns()) {
            messages.printf("note: run %s (%s, started %s) was interrupted and is now ABORTED: %s%n", r.id(),
                    r.sequenceName(), r.startedAt(), r.note());
        }
        messages.flush();
        return store;
    }
}
