package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * A recorder killed with SIGKILL half-way through a run: the next store to open the file finds everything
 * recorded before the kill, and the run, its open position and open step ended as ABORTED.
 */
class ResultStoreCrashTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "URL settings [{0}]")
    @ValueSource(strings = {"", ";AUTO_SERVER=TRUE"})
    @Timeout(60)
    void aKilledRecorderLosesNothingAndItsRunIsAbortedOnTheNextOpen(String settings) throws Exception {
        String url = Fixtures.h2Url(dir) + settings;
        RunId run;
        StepId finished;
        StepId open;
        Instant launched = Instant.now();
        Instant killedAt;
        try (ChildJvm recorder = ChildJvm.start(RecordingProcess.class, "crash", url)) {
            String[] ready = recorder.awaitLine("READY", Duration.ofSeconds(40)).split(" ");
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
