package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreRecordingTests {

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    TestDatabase database;
    ResultStore store;

    @BeforeEach
    void open(TestDatabases databases) throws Exception {
        database = databases.fresh(backend, dir);
        store = database.open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsAWholeRunBackExactly() throws Exception {
        Instant t0 = Fixtures.now();
        MdmsInterface mdms = new MdmsInterface("1.4.2", Sha256.ofUtf8("openapi: 3.0.3"), Sha256.ofUtf8("binding: {}"));
        RunStart start = Fixtures.run(t0, 1, 2).mdms(mdms).build();
        RunId run = store.startRun(start);

        store.startPosition(run, 1, null);
        store.setMeterSerial(run, 1, "LGZ-0001");
        store.startPosition(run, 2, "LGZ-0002");

        StepId identity = store.startStep(run, 1, 0, "read identity", "meter.read", t0.plusMillis(10));
        MeasurementRecord serial = MeasurementRecord.text("serial", "LGZ-0001", "= nameplate", Verdict.PASS,
                t0.plusMillis(20));
        store.recordMeasurement(identity, serial);
        store.finishStep(identity, Verdict.PASS, null, t0.plusMillis(30));

        StepId open = store.startStep(run, 1, 1, "open load switch", "mdms.loadSwitch.open", t0.plusMillis(40));
        store.recordEvidence(open, "mdms request", "POST /meters/LGZ-0001/loadswitch {\"state\":\"OPEN\"}");
        store.recordEvidence(open, "mdms response", "202 Accepted {\"job\":\"j-17\"}");
        MeasurementRecord current = new MeasurementRecord("bench current", MeasuredValue.of(Quantity.of(4.98,
                Unit.AMPERE)), Optional.of("< 0.05 A"), Verdict.FAIL, t0.plusMillis(50));
        MeasurementRecord voltage = MeasurementRecord.numeric("bench voltage", 230.1, "V", null, Verdict.PASS,
                t0.plusMillis(51));
        MeasurementRecord frames = MeasurementRecord.numeric("frames", 12, "", null, Verdict.PASS, t0.plusMillis(52));
        store.recordMeasurement(open, current);
        store.recordMeasurement(open, voltage);
        store.recordMeasurement(open, frames);
        store.finishStep(open, Verdict.FAIL, "MDMS says OPEN, bench current 4.98 A", t0.plusMillis(60));
        Finding inconsistency = Finding.of(FindingType.DATA_INCONSISTENCY, "MDMS says OPEN, meter output_state=true,"
                + " bench current 4.98 A", "GET /meters/LGZ-0001/loadswitch -> {\"state\":\"OPEN\"}",
                "0-0:96.3.10.255 attr 2 = true", "MEAS:CURR? 1 -> 4.98");
        store.recordFinding(run, 1, open, inconsistency);
        Finding documentation = Finding.of(FindingType.DOCUMENTATION_GAP, "no 4xx documented for loadswitch");
        store.recordFinding(run, 1, null, documentation);
        store.finishPosition(run, 1, Verdict.FAIL);

        StepId other = store.startStep(run, 2, 0, "read identity", "meter.read", t0.plusMillis(15));
        store.finishStep(other, Verdict.PASS, "ok", t0.plusMillis(25));
        store.finishPosition(run, 2, Verdict.PASS);
        store.finishRun(run, Verdict.FAIL, t0.plusSeconds(1));

        RunDetail detail = store.loadRun(run).orElseThrow();

        assertThat(detail.id()).isEqualTo(run);
        assertThat(detail.start()).isEqualTo(start);
        assertThat(detail.completion()).contains(new Completion(Verdict.FAIL, t0.plusSeconds(1)));
        assertThat(detail.note()).isEmpty();
        assertThat(detail.positions()).extracting(PositionDetail::position).containsExactly(1, 2);

        PositionDetail first = detail.position(1).orElseThrow();
        assertThat(first.meterSerial()).contains("LGZ-0001");
        assertThat(first.startedAt()).isPresent();
        assertThat(first.completion()).map(Completion::verdict).contains(Verdict.FAIL);
        assertThat(first.steps()).extracting(StepDetail::index, StepDetail::name, StepDetail::kind)
                .containsExactly(tuple(0, "read identity", "meter.read"),
                        tuple(1, "open load switch", "mdms.loadSwitch.open"));
        StepDetail readStep = first.steps().get(0);
        assertThat(readStep.id()).isEqualTo(identity);
        assertThat(readStep.startedAt()).isEqualTo(t0.plusMillis(10));
        assertThat(readStep.completion()).contains(new Completion(Verdict.PASS, t0.plusMillis(30)));
        assertThat(readStep.message()).isEmpty();
        assertThat(readStep.measurements()).containsExactly(serial);
        StepDetail openStep = first.steps().get(1);
        assertThat(openStep.message()).contains("MDMS says OPEN, bench current 4.98 A");
        assertThat(openStep.measurements()).containsExactly(current, voltage, frames);
        assertThat(openStep.measurements().get(0).value()).isEqualTo(new MeasuredValue.Numeric(4.98, "A"));
        assertThat(openStep.evidence()).extracting(EvidenceRecord::kind, EvidenceRecord::content).containsExactly(
                tuple("mdms request", "POST /meters/LGZ-0001/loadswitch {\"state\":\"OPEN\"}"),
                tuple("mdms response", "202 Accepted {\"job\":\"j-17\"}"));
        assertThat(first.findings()).extracting(RecordedFinding::finding, RecordedFinding::step).containsExactly(
                tuple(inconsistency, Optional.of(open)),
                tuple(documentation, Optional.empty()));

        PositionDetail second = detail.position(2).orElseThrow();
        assertThat(second.meterSerial()).contains("LGZ-0002");
        assertThat(second.steps()).singleElement().satisfies(s -> assertThat(s.message()).contains("ok"));
        assertThat(second.findings()).isEmpty();
    }

    @Test
    void aRunReadWhileRecordingShowsWhatIsOpen() throws Exception {
        RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1, 2).build());
        store.startPosition(run, 1, "S1");
        store.startStep(run, 1, 0, "wait", "wait", Fixtures.now());

        RunDetail detail = store.loadRun(run).orElseThrow();

        assertThat(detail.completion()).isEmpty();
        assertThat(detail.position(1).orElseThrow().steps()).singleElement()
                .satisfies(s -> assertThat(s.completion()).isEmpty());
        assertThat(detail.position(2).orElseThrow().startedAt()).as("planned, not started").isEmpty();
    }

    @Test
    void loadingAnUnknownRunFindsNothing() throws Exception {
        assertThat(store.loadRun(RunId.random())).isEmpty();
    }

    @Nested
    class Ending {

        @Test
        void finishingARunEndsItsOpenPositionsAndStepsAsAborted() throws Exception {
            Instant t0 = Fixtures.now();
            RunId run = store.startRun(Fixtures.run(t0, 1, 2).build());
            store.startPosition(run, 1, "S1");
            StepId step = store.startStep(run, 1, 0, "poll job", "poll", t0);

            store.finishRun(run, Verdict.ABORTED, t0.plusSeconds(5));

            RunDetail detail = store.loadRun(run).orElseThrow();
            assertThat(detail.positions()).allSatisfy(p ->
                    assertThat(p.completion()).contains(new Completion(Verdict.ABORTED, t0.plusSeconds(5))));
            StepDetail aborted = detail.position(1).orElseThrow().steps().get(0);
            assertThat(aborted.id()).isEqualTo(step);
            assertThat(aborted.completion()).contains(new Completion(Verdict.ABORTED, t0.plusSeconds(5)));
            assertThat(aborted.message()).hasValueSatisfying(m -> assertThat(m).contains("run was finished"));
        }

        @Test
        void finishingAPositionEndsItsOpenSteps() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.startPosition(run, 1, "S1");
            store.startStep(run, 1, 0, "poll job", "poll", Fixtures.now());

            store.finishPosition(run, 1, Verdict.ERROR);

            PositionDetail position = store.loadRun(run).orElseThrow().position(1).orElseThrow();
            assertThat(position.completion()).map(Completion::verdict).contains(Verdict.ERROR);
            assertThat(position.steps().get(0).completion()).map(Completion::verdict).contains(Verdict.ABORTED);
        }

        @Test
        void aStepEndsOnlyOnce() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            StepId step = store.startStep(run, 1, 0, "check", "check", Fixtures.now());
            store.finishStep(step, Verdict.PASS, null, Fixtures.now());

            assertThatThrownBy(() -> store.finishStep(step, Verdict.FAIL, null, Fixtures.now()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("step 0 'check' of position 1 of run " + run)
                    .hasMessageContaining("already ended: PASS");
        }

        @Test
        void aRunEndsOnlyOnce() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.finishRun(run, Verdict.PASS, Fixtures.now());

            assertThatThrownBy(() -> store.finishRun(run, Verdict.FAIL, Fixtures.now()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run " + run + " has already ended: PASS");
        }

        @Test
        void closingTheStoreEndsItsRecordingRunsAsAborted() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.close();

            try (ResultStore reopened = database.open()) {
                RunDetail detail = reopened.loadRun(run).orElseThrow();
                assertThat(detail.completion()).map(Completion::verdict).contains(Verdict.ABORTED);
                assertThat(detail.note()).contains(StoreSession.CLOSED_NOTE);
                assertThat(reopened.recoveredRuns()).as("nothing was left to recover").isEmpty();
            }
        }

        @Test
        void aStepNeverEndsBeforeItStarted() throws Exception {
            Instant t0 = Fixtures.now();
            RunId run = store.startRun(Fixtures.run(t0, 1).build());
            store.startStep(run, 1, 0, "late", "wait", t0.plusSeconds(10));

            store.finishRun(run, Verdict.ABORTED, t0.plusSeconds(1));

            StepDetail step = store.loadRun(run).orElseThrow().position(1).orElseThrow().steps().get(0);
            assertThat(step.completion()).map(Completion::endedAt).contains(t0.plusSeconds(10));
        }
    }

    @Nested
    class CallerErrors {

        @Test
        void namesAPositionThatIsNotPlanned() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1, 2).build());

            assertThatThrownBy(() -> store.startPosition(run, 3, "S3"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("position 3 is not planned in run " + run + " (planned: [1, 2])");
        }

        @Test
        void namesAnUnknownRun() {
            RunId unknown = RunId.random();

            assertThatThrownBy(() -> store.setMeterSerial(unknown, 1, "S1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no run " + unknown + " in the results store");
        }

        @Test
        void namesAnUnknownStep() {
            StepId unknown = StepId.random();

            assertThatThrownBy(() -> store.finishStep(unknown, Verdict.PASS, null, Fixtures.now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no step " + unknown + " in the results store");
            assertThatThrownBy(() -> store.recordEvidence(unknown, "scpi exchange", "MEAS:CURR? 1 -> 0.00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot record evidence 'scpi exchange' of step " + unknown);
        }

        @Test
        void refusesAStepIndexUsedTwice() throws Exception {
            RunId run = store.startRun(Fixtures.run(Fixtures.now(), 1).build());
            store.startStep(run, 1, 0, "first", "check", Fixtures.now());

            assertThatThrownBy(() -> store.startStep(run, 1, 0, "again", "check", Fixtures.now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot record step 0 'again' of position 1 of run " + run);
        }

        @Test
        void refusesANameTooLongForTheDatabase() {
            String name = "x".repeat(201);

            assertThatThrownBy(() -> Fixtures.run(Fixtures.now(), 1).sequence(name, "text").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("sequence name is 201 characters long, at most 200 fit");
        }

        @Test
        void refusesWritesOnceClosed() {
            store.close();

            assertThatThrownBy(() -> store.startRun(Fixtures.run(Fixtures.now(), 1).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is closed");
        }
    }

    @Test
    void keepsTimestampsToTheMicrosecond() throws Exception {
        Instant precise = Instant.parse("2026-03-01T10:15:30.123456789Z");
        RunId run = store.startRun(Fixtures.run(precise, 1).build());
        StepId step = store.startStep(run, 1, 0, "wait", "wait", precise.plus(Duration.ofNanos(1)));

        RunDetail detail = store.loadRun(run).orElseThrow();

        assertThat(detail.start().startedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(detail.position(1).orElseThrow().steps()).extracting(StepDetail::id, StepDetail::startedAt)
                .containsExactly(tuple(step,
                        Instant.parse("2026-03-01T10:15:30.123456Z")));
    }
}
