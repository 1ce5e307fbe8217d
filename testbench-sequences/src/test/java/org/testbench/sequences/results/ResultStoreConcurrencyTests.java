package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@ExtendWith(TestDatabases.class)
class ResultStoreConcurrencyTests {

    static final int POSITIONS = 20;
    static final int STEPS = 10;
    static final int MEASUREMENTS = 3;

    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void twentyPositionsRecordingAtOnceLoseNothing(TestDatabases databases) throws Exception {
        try (ResultStore store = databases.fresh(backend, dir).open()) {
            int[] positions = new int[POSITIONS];
            for (int i = 0; i < POSITIONS; i++) {
                positions[i] = i + 1;
            }
            Instant t0 = Fixtures.now();
            RunId run = store.startRun(Fixtures.run(t0, positions).build());
            ExecutorService threads = Executors.newFixedThreadPool(POSITIONS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 1; p <= POSITIONS; p++) {
                int position = p;
                done.add(threads.submit(() -> {
                    start.await();
                    recordPosition(store, run, position, t0);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS); // rethrows a failed write
            }
            threads.shutdown();
            store.finishRun(run, Verdict.PASS, Fixtures.now());

            RunDetail detail = store.loadRun(run).orElseThrow();
            assertThat(detail.positions()).hasSize(POSITIONS);
            for (PositionDetail position : detail.positions()) {
                int p = position.position();
                assertThat(position.meterSerial()).contains("M-" + p);
                assertThat(position.completion()).map(Completion::verdict).contains(Verdict.PASS);
                assertThat(position.steps()).extracting(StepDetail::index)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, STEPS).boxed().toList());
                for (StepDetail step : position.steps()) {
                    assertThat(step.completion()).map(Completion::verdict).contains(Verdict.PASS);
                    assertThat(step.measurements()).extracting(MeasurementRecord::name)
                            .containsExactly("m0", "m1", "m2");
                    assertThat(step.measurements()).extracting(m -> m.value())
                            .containsExactly(MeasuredValue.numeric(p * 1000 + step.index() * 10, "A"),
                                    MeasuredValue.numeric(p * 1000 + step.index() * 10 + 1, "A"),
                                    MeasuredValue.numeric(p * 1000 + step.index() * 10 + 2, "A"));
                    assertThat(step.evidence()).singleElement()
                            .satisfies(e -> assertThat(e.content()).isEqualTo("p" + p + " s" + step.index()));
                }
                assertThat(position.findings()).singleElement()
                        .satisfies(f -> assertThat(f.finding().message()).isEqualTo("finding of " + p));
            }
            RunSummary summary = store.findRuns(RunQuery.all()).get(0);
            assertThat(summary.measurements()).isEqualTo(POSITIONS * STEPS * MEASUREMENTS);
            assertThat(summary.steps().pass()).isEqualTo(POSITIONS * STEPS);
        }
    }

    static void recordPosition(ResultStore store, RunId run, int p, Instant t0) throws Exception {
        store.startPosition(run, p, null);
        store.setMeterSerial(run, p, "M-" + p);
        for (int i = 0; i < STEPS; i++) {
            StepId step = store.startStep(run, p, i, "step " + i, "bench.measure", t0.plusMillis(i));
            for (int m = 0; m < MEASUREMENTS; m++) {
                store.recordMeasurement(step, MeasurementRecord.numeric("m" + m, p * 1000 + i * 10 + m, "A", null,
                        Verdict.PASS, t0.plusMillis(i)));
            }
            store.recordEvidence(step, "scpi exchange", "p" + p + " s" + i);
            store.finishStep(step, Verdict.PASS, null, t0.plusMillis(i + 1));
        }
        store.recordFinding(run, p, null, Finding.of(FindingType.LATENCY, "finding of " + p, "evidence " + p));
        store.finishPosition(run, p, Verdict.PASS);
    }
}
