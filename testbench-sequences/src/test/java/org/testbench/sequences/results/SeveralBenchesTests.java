package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.testsupport.postgres.PostgresExtension;
import org.testbench.testsupport.postgres.PostgresServer;

/**
 * A lab of three benches, each a process recording 20 positions at once, into one PostgreSQL database:
 * every record arrives, nobody waits on anybody for ever, and a bench killed with SIGKILL loses its own run
 * (ABORTED on the next opening) but never another bench's.
 */
@ExtendWith(PostgresExtension.class)
class SeveralBenchesTests {

    static final int BENCHES = 3;
    static final int POSITIONS = 20;
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    @Timeout(300)
    void threeBenchesRecordSideBySideAndAKilledOneNeverAbortsTheOthers(PostgresServer server) throws Exception {
        String url = TestDatabase.postgresql(server, "three_benches").url();
        List<ChildJvm> benches = new ArrayList<>();
        try {
            for (int b = 1; b <= BENCHES; b++) {
                benches.add(ChildJvm.start(RecordingProcess.class, "bench", url, "bench-" + b,
                        Integer.toString(POSITIONS)));
            }
            List<RunId> runs = new ArrayList<>();
            for (ChildJvm bench : benches) {
                runs.add(RunId.parse(bench.awaitLine("READY", PATIENCE).split(" ")[1]));
            }
            ChildJvm killed = benches.get(BENCHES - 1);
            assertThat(killed.killHard()).as("exit status of SIGKILL").isEqualTo(128 + 9);

            try (ResultStore qa = ResultStore.open(url, "testbench", new char[0])) {
                assertThat(qa.recoveredRuns()).extracting(RecoveredRun::id).containsExactly(runs.get(BENCHES - 1));
                for (int b = 0; b < BENCHES - 1; b++) {
                    assertThat(qa.loadRun(runs.get(b)).orElseThrow().completion())
                            .as("the run of live bench-%d", b + 1).isEmpty();
                    benches.get(b).send("finish");
                    benches.get(b).awaitLine("FINISHED", PATIENCE);
                }

                for (int b = 0; b < BENCHES; b++) {
                    String station = "bench-" + (b + 1);
                    RunSummary summary = qa.findRuns(RunQuery.all().withStation(station)).get(0);
                    assertThat(summary.id()).isEqualTo(runs.get(b));
                    assertThat(summary.station()).isEqualTo(station);
                    assertThat(summary.completion()).map(Completion::verdict)
                            .contains(b == BENCHES - 1 ? Verdict.ABORTED : Verdict.PASS);
                    assertEveryRecordIsThere(qa.loadRun(runs.get(b)).orElseThrow());
                }
            }
            for (int b = 0; b < BENCHES - 1; b++) {
                benches.get(b).send("exit");
                assertThat(benches.get(b).awaitExit(PATIENCE)).isZero();
            }
        } finally {
            benches.forEach(ChildJvm::close);
        }
    }

    private static void assertEveryRecordIsThere(RunDetail run) {
        assertThat(run.positions()).hasSize(POSITIONS);
        for (PositionDetail position : run.positions()) {
            int p = position.position();
            assertThat(position.meterSerial()).contains("M-" + p);
            assertThat(position.completion()).map(Completion::verdict).contains(Verdict.PASS);
            assertThat(position.steps()).hasSize(ResultStoreConcurrencyTests.STEPS);
            for (StepDetail step : position.steps()) {
                assertThat(step.measurements()).extracting(MeasurementRecord::value).containsExactly(
                        MeasuredValue.numeric(p * 1000 + step.index() * 10, "A"),
                        MeasuredValue.numeric(p * 1000 + step.index() * 10 + 1, "A"),
                        MeasuredValue.numeric(p * 1000 + step.index() * 10 + 2, "A"));
                assertThat(step.evidence()).extracting(EvidenceRecord::content)
                        .containsExactly("p" + p + " s" + step.index());
            }
            assertThat(position.findings()).extracting(f -> f.finding().message()).containsExactly("finding of " + p);
        }
    }
}
