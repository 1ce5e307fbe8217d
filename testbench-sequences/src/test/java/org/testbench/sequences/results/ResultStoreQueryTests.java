package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/** Four runs over three days, on two meters, with every kind of ending; queried in every combination. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreQueryTests {

    static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant TUESDAY = MONDAY.plusSeconds(86_400);
    static final Instant WEDNESDAY = TUESDAY.plusSeconds(86_400);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    ResultStore store;
    RunId mondayPass;
    RunId tuesdayFail;
    RunId tuesdayError;
    RunId wednesdayRunning;

    @BeforeEach
    void record(TestDatabases databases) throws Exception {
        store = databases.fresh(backend, dir).open();
        mondayPass = run(MONDAY, Verdict.PASS, "AAA-1", "BBB-2");
        tuesdayFail = run(TUESDAY, Verdict.FAIL, "AAA-1");
        tuesdayError = run(TUESDAY.plusSeconds(3_600), Verdict.ERROR, "CCC-3");
        wednesdayRunning = run(WEDNESDAY, null, "BBB-2");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A run with one position per serial, two steps and a measurement each, and a finding if it failed. */
    private RunId run(Instant start, Verdict verdict, String... serials) throws Exception {
        int[] positions = new int[serials.length];
        for (int i = 0; i < serials.length; i++) {
            positions[i] = i + 1;
        }
        RunId run = store.startRun(Fixtures.run(start, positions).build());
        for (int p = 1; p <= serials.length; p++) {
            store.startPosition(run, p, serials[p - 1]);
            for (int i = 0; i < 2; i++) {
                StepId step = store.startStep(run, p, i, "measure", "bench.measure", start.plusSeconds(i));
                store.recordMeasurement(step, MeasurementRecord.numeric("current", 0.01, "A", "< 0.05 A",
                        Verdict.PASS, start.plusSeconds(i)));
                if (verdict != null) {
                    store.finishStep(step, i == 1 ? verdict : Verdict.PASS, null, start.plusSeconds(i + 1));
                }
            }
            if (verdict == Verdict.FAIL) {
                store.recordFinding(run, p, null, Finding.of(FindingType.LIMIT_EXCEEDED, "too much current"));
            }
            if (verdict != null) {
                store.finishPosition(run, p, verdict);
            }
        }
        if (verdict != null) {
            store.finishRun(run, verdict, start.plusSeconds(60));
        }
        return run;
    }

    @Test
    void listsEveryRunNewestFirst() throws Exception {
        assertThat(ids(RunQuery.all())).containsExactly(wednesdayRunning, tuesdayError, tuesdayFail, mondayPass);
    }

    @Test
    void findsTheRunsOfAMeter() throws Exception {
        assertThat(ids(RunQuery.all().withMeterSerial("AAA-1"))).containsExactly(tuesdayFail, mondayPass);
        assertThat(ids(RunQuery.all().withMeterSerial("BBB-2"))).containsExactly(wednesdayRunning, mondayPass);
        assertThat(ids(RunQuery.all().withMeterSerial("ZZZ-9"))).isEmpty();
    }

    @Test
    void findsTheRunsStartedInAHalfOpenRange() throws Exception {
        assertThat(ids(RunQuery.all().withStartedBetween(TUESDAY, WEDNESDAY))).containsExactly(tuesdayError,
                tuesdayFail);
        assertThat(ids(RunQuery.all().withStartedFrom(TUESDAY.plusSeconds(1)))).containsExactly(wednesdayRunning,
                tuesdayError);
        assertThat(ids(RunQuery.all().withStartedBefore(TUESDAY))).containsExactly(mondayPass);
    }

    @Test
    void findsTheRunsWithGivenVerdicts() throws Exception {
        assertThat(ids(RunQuery.all().withVerdicts(Verdict.FAIL, Verdict.ERROR))).containsExactly(tuesdayError,
                tuesdayFail);
        assertThat(ids(RunQuery.all().withVerdicts(Verdict.ABORTED))).isEmpty();
    }

    @Test
    void combinesSerialDateAndVerdict() throws Exception {
        RunQuery failuresOfAaaOnTuesday = RunQuery.all()
                .withMeterSerial("AAA-1")
                .withStartedBetween(TUESDAY, WEDNESDAY)
                .withVerdicts(Verdict.FAIL);

        assertThat(ids(failuresOfAaaOnTuesday)).containsExactly(tuesdayFail);
        assertThat(ids(failuresOfAaaOnTuesday.withVerdicts(Verdict.PASS))).isEmpty();
    }

    @Test
    void findsTheRunsOfAStation() throws Exception {
        RunId otherBench = store.startRun(Fixtures.run(TUESDAY.plusSeconds(7_200), 1).station("bench-C").build());

        assertThat(ids(RunQuery.all().withStation("bench-C"))).containsExactly(otherBench);
        assertThat(ids(RunQuery.all().withStation("B-3"))).containsExactly(wednesdayRunning, tuesdayError,
                tuesdayFail, mondayPass);
        assertThat(ids(RunQuery.all().withStation("B-3").withVerdicts(Verdict.FAIL))).containsExactly(tuesdayFail);
        assertThat(single(RunQuery.all().withStation("bench-C")).station()).isEqualTo("bench-C");
    }

    @Test
    void stopsAtTheLimit() throws Exception {
        assertThat(ids(RunQuery.all().withLimit(2))).containsExactly(wednesdayRunning, tuesdayError);
    }

    @Test
    void summarisesEachRunWithItsCounts() throws Exception {
        RunSummary monday = single(RunQuery.all().withStartedBefore(TUESDAY));
        assertThat(monday.sequenceName()).isEqualTo("e2e-load-switch");
        assertThat(monday.operator()).isEqualTo("A. Technician");
        assertThat(monday.startedAt()).isEqualTo(MONDAY);
        assertThat(monday.completion()).contains(new Completion(Verdict.PASS, MONDAY.plusSeconds(60)));
        assertThat(monday.meterSerials()).containsExactly("AAA-1", "BBB-2");
        assertThat(monday.positions()).isEqualTo(new VerdictCounts(2, 0, 0, 0, 0));
        assertThat(monday.steps()).isEqualTo(new VerdictCounts(4, 0, 0, 0, 0));
        assertThat(monday.measurements()).isEqualTo(4);
        assertThat(monday.findings()).isZero();

        RunSummary failed = single(RunQuery.all().withVerdicts(Verdict.FAIL));
        assertThat(failed.steps()).isEqualTo(new VerdictCounts(1, 1, 0, 0, 0));
        assertThat(failed.findings()).isEqualTo(1);

        RunSummary running = single(RunQuery.all().withStartedFrom(WEDNESDAY));
        assertThat(running.completion()).isEmpty();
        assertThat(running.positions().unfinished()).isEqualTo(1);
        assertThat(running.steps().unfinished()).isEqualTo(2);
    }

    @Test
    void refusesAnEmptyDateRange() {
        assertThatThrownBy(() -> RunQuery.all().withStartedBetween(TUESDAY, MONDAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty date range");
    }

    private List<RunId> ids(RunQuery query) throws ResultStoreException {
        return store.findRuns(query).stream().map(RunSummary::id).toList();
    }

    private RunSummary single(RunQuery query) throws ResultStoreException {
        List<RunSummary> runs = store.findRuns(query);
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }
}
