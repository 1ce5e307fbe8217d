package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.Verdict;

/**
 * The schema from an empty database, from the previous version with runs in it, and a database of a newer
 * Testbench, refused.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreMigrationTests {

    static final List<String> ALL_VERSIONS = List.of("1", "2");

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    TestDatabase database;

    @BeforeEach
    void freshDatabase(TestDatabases databases) {
        database = databases.fresh(backend, dir);
    }

    @Test
    void createsTheSchemaInAnEmptyDatabase() throws Exception {
        try (ResultStore store = database.open()) {
            assertThat(store.findRuns(RunQuery.all())).isEmpty();
        }
        assertThat(tables()).contains("store_session", "run", "run_position", "step", "measurement", "evidence",
                "finding", "finding_evidence", "flyway_schema_history");
        assertThat(appliedMigrations()).containsExactlyElementsOf(ALL_VERSIONS);
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheRuns() throws Exception {
        RunId run;
        try (ResultStore store = database.open()) {
            run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.finishRun(run, Verdict.PASS, Fixtures.now());
        }
        for (int i = 0; i < 2; i++) {
            try (ResultStore store = database.open()) {
                assertThat(store.findRuns(RunQuery.all())).extracting(RunSummary::id).containsExactly(run);
                assertThat(store.recoveredRuns()).isEmpty();
            }
        }
        assertThat(appliedMigrations()).containsExactlyElementsOf(ALL_VERSIONS);
    }

    @Test
    void aDatabaseOfThePreviousVersionKeepsItsRunsWhichTakeTheHostOfTheirSessionAsStation() throws Exception {
        Flyway.configure(ResultStore.class.getClassLoader()).dataSource(database.url(), "testbench", "")
                .locations(SchemaMigrations.LOCATION).target("1").load().migrate();
        UUID session = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
        try (Connection c = database.connect()) {
            insert(c, "INSERT INTO store_session (id, host, pid, opened_at, closed_at) VALUES (?, ?, ?, ?, ?)",
                    session, "bench-pc-7", 4242L, t0, t0.plusSeconds(120));
            insert(c, "INSERT INTO run (id, session_id, sequence_name, sequence_sha256, sequence_text,"
                    + " software_version, operator_name, lab_description, started_at, ended_at, verdict)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run, session, "e2e-load-switch",
                    Sha256.ofUtf8(Fixtures.SEQUENCE_TEXT).hex(), Fixtures.SEQUENCE_TEXT, "0.0.9", "A. Technician",
                    "{}", t0, t0.plusSeconds(60), "PASS");
            insert(c, "INSERT INTO run_position (run_id, position_no, meter_serial, started_at, ended_at, verdict)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", run, 1, "OLD-1", t0, t0.plusSeconds(60), "PASS");
        }
        assertThat(appliedMigrations()).containsExactly("1");

        try (ResultStore store = database.open()) {
            RunDetail old = store.loadRun(new RunId(run)).orElseThrow();
            assertThat(old.start().station()).isEqualTo("bench-pc-7");
            assertThat(old.start().operator()).isEqualTo("A. Technician");
            assertThat(old.completion()).contains(new Completion(Verdict.PASS, t0.plusSeconds(60)));
            assertThat(old.position(1).orElseThrow().meterSerial()).contains("OLD-1");
            assertThat(store.findRuns(RunQuery.all().withStation("bench-pc-7"))).extracting(RunSummary::id)
                    .containsExactly(new RunId(run));

            RunId recent = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            assertThat(store.loadRun(recent).orElseThrow().start().station()).isEqualTo("B-3");
        }
        assertThat(appliedMigrations()).containsExactlyElementsOf(ALL_VERSIONS);
    }

    @Test
    void aDatabaseOfANewerTestbenchIsRefusedNamingBothVersions() throws Exception {
        try (ResultStore store = database.open()) {
            store.startRun(Fixtures.run(Fixtures.now(), 1).build());
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + quoted("flyway_schema_history") + " SELECT " + quoted("installed_rank")
                    + " + 1, '3', 'a column of the future', " + quoted("type") + ", 'V3__future.sql', NULL, "
                    + quoted("installed_by") + ", " + quoted("installed_on") + ", 0, TRUE FROM "
                    + quoted("flyway_schema_history") + " WHERE " + quoted("version") + " = '2'");
        }

        assertThatThrownBy(database::open)
                .isInstanceOfSatisfying(ResultStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(ResultStoreException.Reason.SCHEMA_TOO_NEW))
                .hasMessageContaining("has schema version 3, newer than the 2 this Testbench knows: update"
                        + " Testbench on this bench");
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant instant) {
                    SqlValues.setInstant(insert, i + 1, instant);
                } else {
                    insert.setObject(i + 1, values[i]);
                }
            }
            insert.executeUpdate();
        }
    }

    /** Flyway's history table has lower-case quoted names in both databases. */
    private static String quoted(String name) {
        return "\"" + name + "\"";
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rows = c.createStatement().executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE LOWER(TABLE_SCHEMA) = 'public'")) {
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private List<String> appliedMigrations() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = database.connect();
                ResultSet rows = c.createStatement().executeQuery("SELECT " + quoted("version") + " FROM "
                        + quoted("flyway_schema_history") + " WHERE " + quoted("success") + " AND "
                        + quoted("version") + " IS NOT NULL ORDER BY " + quoted("installed_rank"))) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
