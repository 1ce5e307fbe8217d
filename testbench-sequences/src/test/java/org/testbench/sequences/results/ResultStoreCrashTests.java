package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * A recorder killed with SIGKILL half-way through a run: the next store to open the database finds everything
 * recorded before the kill, and the run, its open position and open step ended as ABORTED; a recorder still
 * alive keeps its run. On H2 with and without its automatic server; on PostgreSQL, whose advisory locks tell
 * the dead from the living.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreCrashTests {

    static final Duration PATIENCE = Duration.ofSeconds(40);

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    /** The URLs a recorder may use: H2 with and without its automatic server, or a PostgreSQL database. */
    private List<String> urls(TestDatabases databases) {
        if (backend == Backend.H2) {
            return List.of(Fixtures.h2Url(dir.resolve("plain")), Fixtures.h2Url(dir.resolve("served"))
                    + ";AUTO_SERVER=TRUE");
        }
        return List.of(databases.fresh(backend, dir).url());
    }

    /** A URL on which a second process may open the store while the first records. */
    private String sharedUrl(TestDatabases databases) {
        return backend == Backend.H2 ? Fixtures.h2Url(dir) + ";AUTO_SERVER=TRUE" : databases.fresh(backend, dir).url();
    }

    @Test
    @Timeout(120)
    void aKilledRecorderLosesNothingAndItsRunIsAbortedOnTheNextOpen(TestDatabases databases) throws Exception {
        for (String url : urls(databases)) {
            killAndRecover(url);
        }
    }

    @Test
    @Timeout(90)
    void recoversTheRunOfAKilledRecorderAndLeavesTheLiveOneAlone(TestDatabases databases) throws Exception {
        String url = sharedUrl(databases);
        try (ChildJvm live = ChildJvm.start(RecordingProcess.class, "serve", url)) {
            RunId liveRun = RunId.parse(live.awaitLine("READY", PATIENCE).split(" ")[1]);
            RunId killedRun;
            try (ChildJvm killed = ChildJvm.start(RecordingProcess.class, "crash", url)) {
                killedRun = RunId.parse(killed.awaitLine("READY", PATIENCE).split(" ")[1]);
                killed.killHard();
            }

            try (ResultStore store = ResultStore.open(url, "testbench", new char[0])) {
                assertThat(store.recoveredRuns()).extracting(RecoveredRun::id).containsExactly(killedRun);
                assertThat(store.loadRun(liveRun).orElseThrow().completion()).as("still recording").isEmpty();

                live.send("step");
                live.awaitLine("STEP 1", PATIENCE);
                live.send("finish");
                live.awaitLine("FINISHED", PATIENCE);
                assertThat(store.loadRun(liveRun).orElseThrow().completion()).map(Completion::verdict)
                        .contains(Verdict.PASS);
            }
            live.send("exit");
            assertThat(live.awaitExit(PATIENCE)).isZero();
        }
    }

    private void killAndRecover(String url) throws Exception {
        RunId run;
        StepId finished;
        StepId open;
        Instant launched = Instant.now();
        Instant killedAt;
        try (ChildJvm recorder = ChildJvm.start(RecordingProcess.class, "crash", url)) {
            String[] ready = recorder.awaitLine("READY", PATIENCE).split(" ");
            run = RunId.parse(ready[1]);
            finished = StepId.parse(ready[2]);
            open = StepId.parse(ready[3]);
            assertThat(recorder.killHard()).as("exit status of SIGKILL").isEqualTo(128 + 9);
            killedAt = Instant.now();
        }

        try (ResultStore store = ResultStore.open(url, "testbench", new char[0])) {
            assertThat(store.recoveredRuns()).singleElement().satisfies(recovered -> {
                assertThat(recovered.id()).isEqualTo(run);
                assertThat(recovered.endedAt()).as("the last activity recorded, stamped by the recorder's store")
                        .isBetween(launched, killedAt);
                assertThat(recovered.note()).contains("ended without finishing the run");
            });
            RunDetail detail = store.loadRun(run).orElseThrow();
            assertThat(detail.completion()).contains(new Completion(Verdict.ABORTED,
                    store.recoveredRuns().get(0).endedAt()));
            assertThat(detail.note()).hasValueSatisfying(note -> assertThat(note)
                    .contains("ended without finishing the run: a crash, a kill or a power loss"));

            PositionDetail killed = detail.position(1).orElseThrow();
            assertThat(killed.meterSerial()).contains("KILL-1");
            assertThat(killed.completion()).map(Completion::verdict).contains(Verdict.ABORTED);
            assertThat(killed.steps()).extracting(StepDetail::id).containsExactly(finished, open);
            StepDetail done = killed.steps().get(0);
            assertThat(done.completion()).contains(new Completion(Verdict.PASS, RecordingProcess.T0.plusSeconds(3)));
            assertThat(done.measurements()).extracting(MeasurementRecord::value)
                    .containsExactly(MeasuredValue.text("KILL-1"));
            assertThat(done.evidence()).singleElement().satisfies(e -> assertThat(e.content())
                    .isEqualTo("/LGZ5\\2ZMD3104107.B33 key " + SecretFilter.REMOVED));
            StepDetail interrupted = killed.steps().get(1);
            assertThat(interrupted.completion()).map(Completion::verdict).contains(Verdict.ABORTED);
            assertThat(interrupted.measurements()).extracting(MeasurementRecord::value)
                    .containsExactly(MeasuredValue.numeric(4.98, "A"));
            assertThat(killed.findings()).singleElement().satisfies(f -> {
                assertThat(f.step()).contains(open);
                assertThat(f.finding().type()).isEqualTo(FindingType.DATA_INCONSISTENCY);
                assertThat(f.finding().evidence()).containsExactly("GET /loadswitch -> OPEN", "MEAS:CURR? 1 -> 4.98");
            });

            PositionDetail finishedBefore = detail.position(2).orElseThrow();
            assertThat(finishedBefore.completion()).map(Completion::verdict).contains(Verdict.PASS);
            assertThat(finishedBefore.steps()).singleElement()
                    .satisfies(s -> assertThat(s.completion()).map(Completion::verdict).contains(Verdict.PASS));

            PositionDetail neverStarted = detail.position(3).orElseThrow();
            assertThat(neverStarted.startedAt()).isEmpty();
            assertThat(neverStarted.completion()).map(Completion::verdict).contains(Verdict.ABORTED);
        }

        try (ResultStore again = ResultStore.open(url, "testbench", new char[0])) {
            assertThat(again.recoveredRuns()).as("recovered once only").isEmpty();
            assertThat(again.loadRun(run).orElseThrow().completion()).map(Completion::verdict)
                    .contains(Verdict.ABORTED);
        }
    }
}
