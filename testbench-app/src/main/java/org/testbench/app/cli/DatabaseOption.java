package org.testbench.app.cli;

import java.io.PrintWriter;
import org.testbench.sequences.results.RecoveredRun;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.ResultStoreException;
import picocli.CommandLine.Option;

/**
 * {@code --db URL}: where results go. The default is an H2 file in the user's data directory; any JDBC
 * URL works the same (PostgreSQL for a lab with several benches), with user and password from
 * {@code TESTBENCH_DB_USER} and {@code TESTBENCH_DB_PASSWORD}.
 */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Results database (default: an H2 file in ~/.local/share/testbench). User and password "
                    + "from TESTBENCH_DB_USER and TESTBENCH_DB_PASSWORD.")
    String url;

    /** Opens the store; runs a crashed process left open are reported as aborted. */
    ResultStore open(PrintWriter messages) throws ResultStoreException {
        String user = System.getenv("TESTBENCH_DB_USER");
        String password = System.getenv("TESTBENCH_DB_PASSWORD");
        ResultStore store = url == null ? ResultStore.openDefault()
                : ResultStore.open(url, user, password == null ? null : password.toCharArray());
        for (RecoveredRun r : store.recoveredRuns()) {
            messages.printf("note: run %s (%s, started %s) was interrupted and is now ABORTED: %s%n", r.id(),
                    r.sequenceName(), r.startedAt(), r.note());
        }
        messages.flush();
        return store;
    }
}
