package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.report.EvidenceBundle;
import org.testbench.sequences.report.SigningOptions;

/**
 * The schema from an empty database, from the previous version with runs in it, and a database of a newer
 * Testbench, refused.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreMigrationTests {

    static final List<String> ALL_VERSIONS = List.of("1", "2", "3");

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
                "finding", "finding_evidence", "input_content", "run_input", "flyway_schema_history");
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
    void aRunOfVersion2KeepsNoInputsAndItsBundleSaysSoWhileANewRunKeepsThem() throws Exception {
        Flyway.configure(ResultStore.class.getClassLoader()).dataSource(database.url(), "testbench", "")
                .locations(SchemaMigrations.LOCATION).target("2").load().migrate();
        UUID session = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-02-05T09:00:00Z");
        Sha256 spec = Sha256.ofUtf8("openapi: 3.0.3");
        Sha256 binding = Sha256.ofUtf8("binding: 1");
        try (Connection c = database.connect()) {
            insert(c, "INSERT INTO store_session (id, host, pid, opened_at, closed_at) VALUES (?, ?, ?, ?, ?)",
                    session, "bench-pc-7", 4242L, t0, t0.plusSeconds(120));
            insert(c, "INSERT INTO run (id, session_id, sequence_name, sequence_sha256, sequence_text,"
                    + " software_version, operator_name, lab_description, mdms_api_version, mdms_spec_sha256,"
                    + " mdms_binding_sha256, started_at, ended_at, verdict, station)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run, session, "e2e-load-switch",
                    Sha256.ofUtf8(Fixtures.SEQUENCE_TEXT).hex(), Fixtures.SEQUENCE_TEXT, "0.2.0", "A. Technician",
                    "{}", "2.4.1", spec.hex(), binding.hex(), t0, t0.plusSeconds(60), "PASS", "B-7");
            insert(c, "INSERT INTO run_position (run_id, position_no, meter_serial, started_at, ended_at, verdict)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", run, 1, "OLD-1", t0, t0.plusSeconds(60), "PASS");
        }
        assertThat(appliedMigrations()).containsExactly("1", "2");

        try (ResultStore store = database.open()) {
            RunDetail old = store.loadRun(new RunId(run)).orElseThrow();
            assertThat(old.start().inputs()).isEmpty();
            assertThat(old.start().mdms()).contains(new MdmsInterface("2.4.1", spec, binding));
            JsonNode inputs = bundledInputs(old);
            assertThat(inputs.get("notKept").findValuesAsText("kind")).containsExactly("openapi", "binding",
                    "meter-profile");
            assertThat(inputs.get("notKept").findValuesAsText("sha256")).containsExactly(spec.hex(), binding.hex());

            RunId recent = store.startRun(Fixtures.run(Fixtures.now(), 1)
                    .input(RunInput.ofText(InputKind.METER_PROFILE, "meters/a.yaml", "profile: 1\n")).build());
            assertThat(store.loadRun(recent).orElseThrow().start().inputs()).extracting(RunInput::fileName)
                    .containsExactly("meters/a.yaml");
        }
        assertThat(appliedMigrations()).containsExactlyElementsOf(ALL_VERSIONS);
    }

    static JsonNode bundledInputs(RunDetail run) throws Exception {
        byte[] zip = EvidenceBundle.build(run, Instant.now(), null, SigningOptions.basic());
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("inputs/inputs.json")) {
                    return new ObjectMapper().readTree(in.readAllBytes());
                }
            }
        }
        throw new AssertionError("no inputs/inputs.json in the bundle of run " + run.id());
    }

    @Test
    void aDatabaseOfANewerTestbenchIsRefusedNamingBothVersions() throws Exception {
        try (ResultStore store = database.open()) {
            store.startRun(Fixtures.run(Fixtures.now(), 1).build());
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + quoted("flyway_schema_history") + " SELECT " + quoted("installed_rank")
                    + " + 1, '4', 'a column of the future', " + quoted("type") + ", 'V4__future.sql', NULL, "
                    + quoted("installed_by") + ", " + quoted("installed_on") + ", 0, TRUE FROM "
                    + quoted("flyway_schema_history") + " WHERE " + quoted("version") + " = '3'");
        }

        assertThatThrownBy(database::open)
                .isInstanceOfSatisfying(ResultStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(ResultStoreException.Reason.SCHEMA_TOO_NEW))
                .hasMessageContaining("has schema version 4, newer than the 3 this Testbench knows: update"
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
