package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/** A key handed to the store's filter never reaches the database, whatever text it hides in. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreSecretTests {

    static final String HEX = "000102030405060708090a0b0c0d0e0f";
    static final String BASE64 = Base64.getEncoder().encodeToString(ProcessFixtures.KEY);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    void keepsAProtectedKeyOutOfEvidenceFindingsAndEveryOtherText(TestDatabases databases) throws Exception {
        TestDatabase database = databases.fresh(backend, dir);
        RunId run;
        try (ResultStore store = database.open()) {
            store.addSecrets(SecretFilter.of(ProcessFixtures.KEY));
            run = store.startRun(Fixtures.run(Fixtures.now(), 1).lab("bench key " + HEX).build());
            StepId step = store.startStep(run, 1, 0, "get keys", "mdms.keys.get", Fixtures.now());
            store.recordEvidence(step, "mdms response", "200 {\"ek\":\"" + BASE64 + "\",\"ak\":\"d0d1\"}");
            store.recordEvidence(step, "dlms frames", "TX 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F");
            store.recordMeasurement(step, MeasurementRecord.text("ek", HEX.toUpperCase(), null, Verdict.FAIL,
                    Fixtures.now()));
            store.recordFinding(run, 1, step, Finding.of(FindingType.SECURITY, "MDMS returns EK " + HEX
                    + " in plain text", "GET /meters/X/keys -> {\"ek\":\"" + BASE64 + "\"}"));
            store.finishStep(step, Verdict.FAIL, "key " + BASE64 + " in clear", Fixtures.now());
            store.finishRun(run, Verdict.FAIL, Fixtures.now());

            RunDetail detail = store.loadRun(run).orElseThrow();
            StepDetail stored = detail.position(1).orElseThrow().steps().get(0);
            assertThat(stored.evidence()).extracting(EvidenceRecord::content).containsExactly(
                    "200 {\"ek\":\"" + SecretFilter.REMOVED + "\",\"ak\":\"d0d1\"}",
                    "TX " + SecretFilter.REMOVED);
            assertThat(stored.message()).contains("key " + SecretFilter.REMOVED + " in clear");
            assertThat(stored.measurements().get(0).value()).isEqualTo(MeasuredValue.text(SecretFilter.REMOVED));
            Finding finding = detail.position(1).orElseThrow().findings().get(0).finding();
            assertThat(finding.message()).isEqualTo("MDMS returns EK " + SecretFilter.REMOVED + " in plain text");
            assertThat(finding.evidence()).containsExactly("GET /meters/X/keys -> {\"ek\":\"" + SecretFilter.REMOVED
                    + "\"}");
            assertThat(detail.start().lab()).isEqualTo("bench key " + SecretFilter.REMOVED);
            assertThat(texts(detail)).noneMatch(text -> SecretFilter.of(ProcessFixtures.KEY).appearsIn(text));
        }

        assertThat(wholeDatabase(database)).as("the whole database, byte by byte")
                .doesNotContainIgnoringCase(HEX)
                .doesNotContain(BASE64.substring(0, 20))
                .contains("MDMS returns EK"); // proves the texts are stored readable, so the search means something
    }

    /** The H2 file as it lies on disk; the PostgreSQL database as pg_dump writes it. */
    private String wholeDatabase(TestDatabase database) throws Exception {
        return switch (database.backend()) {
            case H2 -> Files.readString(dir.resolve("results.mv.db"), StandardCharsets.ISO_8859_1);
            case POSTGRESQL -> database.server().orElseThrow().dump(database.name().orElseThrow());
        };
    }

    private static List<String> texts(RunDetail detail) {
        List<String> texts = new ArrayList<>(List.of(detail.start().lab(), detail.start().sequenceText()));
        for (PositionDetail position : detail.positions()) {
            for (StepDetail step : position.steps()) {
                step.message().ifPresent(texts::add);
                step.evidence().forEach(e -> texts.add(e.content()));
                step.measurements().forEach(m -> texts.add(m.value().toString()));
            }
            for (RecordedFinding finding : position.findings()) {
                texts.add(finding.finding().message());
                texts.addAll(finding.finding().evidence());
            }
        }
        return texts;
    }
}
