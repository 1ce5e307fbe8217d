package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The files a run used — OpenAPI document, binding, meter profiles — kept with it, each content once in the
 * store, and never one that holds a protected secret.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreInputsTests {

    static final String SPEC = "openapi: 3.0.3\ninfo: {title: Head-end, version: 2.4.1}\npaths: {}\n";
    static final String BINDING = "binding: 1\nauth: {scheme: bearer, token: env:MDMS_TOKEN}\n";
    static final String PROFILE = "profile: 1\nmeter: \"Maker A EM1 (fw 3.x)\"\nclients: {reader: {address: 1}}\n";
    static final String OTHER_PROFILE = "profile: 1\nmeter: \"Maker B X9\"\nclients: {reader: {address: 17}}\n";

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
    void aRunKeepsItsSpecBindingAndEachDistinctProfileOnceAcross48Positions() throws Exception {
        try (ResultStore store = database.open()) {
            RunId first = store.startRun(start(PROFILE, IntStream.rangeClosed(1, 48).toArray()).build());
            RunId second = store.startRun(start(PROFILE, 1, 2).input(
                    RunInput.ofText(InputKind.METER_PROFILE, "/lab/meters/b.yaml", OTHER_PROFILE)).build());

            List<RunInput> kept = store.loadRun(first).orElseThrow().start().inputs();
            assertThat(kept).extracting(RunInput::kind).containsExactly(InputKind.OPENAPI, InputKind.BINDING,
                    InputKind.METER_PROFILE);
            assertThat(kept).extracting(i -> i.content().orElseThrow()).containsExactly(SPEC, BINDING, PROFILE);
            assertThat(kept).allSatisfy(i -> assertThat(Sha256.ofUtf8(i.content().orElseThrow())).isEqualTo(i.sha256()));
            assertThat(kept.get(2).fileName()).isEqualTo("/lab/meters/a.yaml");
            assertThat(store.loadRun(second).orElseThrow().start().inputs()).extracting(RunInput::fileName)
                    .containsExactly("/lab/mdms/openapi.yaml", "/lab/mdms/binding.yaml", "/lab/meters/a.yaml",
                            "/lab/meters/b.yaml");
        }
        assertThat(count("SELECT COUNT(*) FROM input_content")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM run_input")).isEqualTo(7);
    }

    @Test
    void anInputHoldingAProtectedSecretIsListedWithItsHashButNotKept() throws Exception {
        String leaky = BINDING + "# token for the lab: " + ResultStoreSecretTests.HEX + "\n";
        RunId run;
        try (ResultStore store = database.open()) {
            store.addSecrets(SecretFilter.of(ProcessFixtures.KEY));
            run = store.startRun(Fixtures.run(Fixtures.now(), 1)
                    .input(RunInput.ofText(InputKind.BINDING, "/lab/mdms/binding.yaml", leaky)).build());
            RunInput binding = store.loadRun(run).orElseThrow().start().inputs().get(0);
            assertThat(binding.content()).isEmpty();
            assertThat(binding.withheld()).contains("it holds a protected secret");
            assertThat(binding.sha256()).isEqualTo(Sha256.ofUtf8(leaky));
        }
        assertThat(count("SELECT COUNT(*) FROM input_content")).isZero();
        assertThat(texts("SELECT file_name || ' ' || withheld FROM run_input"))
                .noneMatch(t -> t.toLowerCase().contains(ResultStoreSecretTests.HEX));
    }

    @Test
    void aFileThatIsNotUtf8IsListedByTheHashOfItsBytes() {
        byte[] latin1 = "meter: \"Zähler\"\n".getBytes(StandardCharsets.ISO_8859_1);
        RunInput input = RunInput.of(InputKind.METER_PROFILE, "zaehler.yaml", latin1);
        assertThat(input.content()).isEmpty();
        assertThat(input.withheld()).contains("not UTF-8 text");
        assertThat(input.sha256()).isEqualTo(Sha256.of(latin1));
    }

    private static RunStart.Builder start(String profile, int... positions) {
        RunStart.Builder start = Fixtures.run(Fixtures.now(), positions)
                .mdms(new MdmsInterface("2.4.1", Sha256.ofUtf8(SPEC), Sha256.ofUtf8(BINDING)))
                .input(RunInput.ofText(InputKind.OPENAPI, "/lab/mdms/openapi.yaml", SPEC))
                .input(RunInput.ofText(InputKind.BINDING, "/lab/mdms/binding.yaml", BINDING));
        for (int ignored : positions) {
            start.input(RunInput.ofText(InputKind.METER_PROFILE, "/lab/meters/a.yaml", profile));
        }
        return start;
    }

    private int count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private List<String> texts(String sql) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }
}
