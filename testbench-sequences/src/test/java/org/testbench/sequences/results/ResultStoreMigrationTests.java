package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.outcome.Verdict;

class ResultStoreMigrationTests {

    @TempDir
    Path dir;

    @Test
    void createsTheSchemaInAnEmptyFile() throws Exception {
        try (ResultStore store = Fixtures.open(dir)) {
            assertThat(store.findRuns(RunQuery.all())).isEmpty();
        }
        assertThat(dir.resolve("results.mv.db")).exists();
        assertThat(tables()).contains("STORE_SESSION", "RUN", "RUN_POSITION", "STEP", "MEASUREMENT", "EVIDENCE",
                "FINDING", "FINDING_EVIDENCE", "flyway_schema_history");
        assertThat(appliedMigrations()).containsExactly("1");
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheRuns() throws Exception {
        RunId run;
        try (ResultStore store = Fixtures.open(dir)) {
            run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.finishRun(run, Verdict.PASS, Fixtures.now());
        }
        for (int i = 0; i < 2; i++) {
            try (ResultStore store = Fixtures.open(dir)) {
                assertThat(store.findRuns(RunQuery.all())).extracting(RunSummary::id).containsExactly(run);
                assertThat(store.recoveredRuns()).isEmpty();
            }
        }
        assertThat(appliedMigrations()).containsExactly("1");
    }

    @Test
    void createsMissingDirectories() throws Exception {
        Path nested = dir.resolve("a/b");
        try (ResultStore store = Fixtures.open(nested)) {
            assertThat(store.findRuns(RunQuery.all())).isEmpty();
        }
        assertThat(Files.isDirectory(nested)).isTrue();
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect();
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private List<String> appliedMigrations() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = connect();
                ResultSet rows = c.createStatement().executeQuery(
                        "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(Fixtures.h2Url(dir), "testbench", "");
    }
}
