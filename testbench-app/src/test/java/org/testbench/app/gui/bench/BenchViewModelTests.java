package org.testbench.app.gui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunListener.Measurement;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/** The bench screen's logic, without a screen: the UI thread is a queue the test drains. */
class BenchViewModelTests {

    private final List<Runnable> uiQueue = new ArrayList<>();
    private BenchViewModel model;
    private Sequence sequence;

    @BeforeEach
    void setUp() throws Exception {
        model = new BenchViewModel(r -> {
            synchronized (uiQueue) {
                uiQueue.add(r);
            }
        });
        sequence = SequenceParser.parse("test.yaml", """
                sequence: two-steps
                steps:
                  - name: first
                    wait: 1 ms
                  - name: second
                    wait: 1 ms
                cleanup:
                  - name: tidy up
                    wait: 1 ms
                """.getBytes(StandardCharsets.UTF_8));
        model.showPositions(List.of(position(1), position(2)));
    }

    @Test
    void aTileShowsItsMetersTypeAndAChosenProfileReplacesItForLaterRuns() throws Exception {
        org.testbench.drivers.profile.MeterProfile alt = org.testbench.sequences.profile.MeterProfileReader.read(
                java.nio.file.Path.of("..", "samples", "meters", "alt-obis.yaml"));
        assertThat(model.tile(1).orElseThrow().meterTypeProperty().get())
                .isEqualTo(org.testbench.drivers.profile.MeterProfile.TESTBENCH_VIRTUAL.meter());

        model.chooseProfile(2, alt);

        assertThat(model.tile(2).orElseThrow().meterTypeProperty().get()).isEqualTo(alt.meter());
        List<PositionSetup> used = org.testbench.app.runs.ConfiguredBench.withProfiles(List.of(position(1), position(2)),
                model.chosenProfiles());
        assertThat(used.get(0).profile()).isEqualTo(org.testbench.drivers.profile.MeterProfile.TESTBENCH_VIRTUAL);
        assertThat(used.get(1).profile()).isEqualTo(alt);
        assertThat(used.get(1).optical().describe()).isEqualTo(position(2).optical().describe());
        model.showPositions(List.of(position(1), position(2)));
        assertThat(model.tile(2).orElseThrow().meterTypeProperty().get()).as("kept when the bench is shown again")
                .isEqualTo(alt.meter());
    }

    private static PositionSetup position(int n) {
        return new PositionSetup(n, Optional.of("2600000" + n), new OpticalChannel(PortAddress.parse("tcp:127.0.0.1:1")),
                Optional.empty());
    }

    private int drain() {
        List<Runnable> batch;
        synchronized (uiQueue) {
            batch = new ArrayList<>(uiQueue);
            uiQueue.clear();
        }
        batch.forEach(Runnable::run);
        return batch.size();
    }

    @Test
    void aTileFollowsItsPositionThroughTheRun() {
        model.runStarting(sequence, List.of(1, 2));
        RunListener events = model.listener();
        Step first = sequence.steps().get(0);
        Step second = sequence.steps().get(1);

        events.stepStarted(1, 1, first, false, Instant.now());
        drain();
        PositionTile tile = model.tile(1).orElseThrow();
        assertThat(tile.stateProperty().get()).isEqualTo(TileState.RUNNING);
        assertThat(tile.stepProperty().get()).isEqualTo("1/3 first");

        events.stepFinished(1, first, Verdict.PASS, null, Instant.now());
        events.stepStarted(1, 2, second, false, Instant.now());
        events.finding(1, second, Finding.of(FindingType.DATA_INCONSISTENCY, "the MDMS says OPEN, the meter CLOSED"));
        events.stepFinished(1, second, Verdict.FAIL, "check failed", Instant.now());
        events.positionFinished(1, Verdict.FAIL);
        drain();

        assertThat(tile.stateProperty().get()).isEqualTo(TileState.FAIL);
        assertThat(tile.progressProperty().get()).isEqualTo(1.0);
        assertThat(tile.messageProperty().get()).isEqualTo("DATA_INCONSISTENCY: the MDMS says OPEN, the meter CLOSED");
        assertThat(model.tile(2).orElseThrow().stateProperty().get()).isEqualTo(TileState.RUNNING);
        assertThat(model.log()).anyMatch(l -> l.contains("pos 1") && l.contains("second") && l.contains("FAIL"));
    }

    @Test
    void currentsFromTheBenchUpdateTheTileAndTheChartOtherValuesDoNot() {
        model.runStarting(sequence, List.of(1, 2));
        Step step = sequence.steps().get(0);
        model.listener().measurement(2, step, new Measurement("bench current", Quantity.of(4998, Unit.MILLIAMPERE),
                "closed within 10 %", Verdict.PASS, Instant.now()));
        model.listener().measurement(2, step, new Measurement("voltage", Quantity.of(230, Unit.VOLT), null,
                Verdict.PASS, Instant.now()));
        model.listener().measurement(2, step, new Measurement("meter outputState", Boolean.TRUE, null, Verdict.PASS,
                Instant.now()));
        drain();

        assertThat(model.tile(2).orElseThrow().currentProperty().get()).isEqualTo("4.998 A");
        assertThat(model.currents()).hasSize(1);
        assertThat(model.currents().get(0).getName()).isEqualTo("pos 2");
        assertThat(model.currents().get(0).getData()).hasSize(1);
        assertThat(model.currents().get(0).getData().get(0).getYValue().doubleValue()).isEqualTo(4.998);
    }

    @Test
    void eventsFromManyThreadsReachTheUiThreadInBatchesInOrder() throws Exception {
        model.runStarting(sequence, List.of(1, 2));
        drain();
        Step step = sequence.steps().get(0);
        int perPosition = 2_000;
        ExecutorService engine = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        for (int position = 1; position <= 2; position++) {
            int p = position;
            engine.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= perPosition; i++) {
                    model.listener().measurement(p, step, new Measurement("bench current",
                            Quantity.of(i, Unit.MILLIAMPERE), null, Verdict.PASS, Instant.now()));
                }
            });
        }
        go.countDown();
        int uiCalls = 0;
        engine.shutdown();
        while (!engine.awaitTermination(1, TimeUnit.MILLISECONDS)) {
            uiCalls += drain();
        }
        uiCalls += drain();

        // 4000 updates, far fewer trips to the UI thread; the last value of each position wins
        assertThat(uiCalls).isLessThan(2 * perPosition);
        assertThat(model.tile(1).orElseThrow().currentProperty().get()).isEqualTo("2.000 A");
        assertThat(model.tile(2).orElseThrow().currentProperty().get()).isEqualTo("2.000 A");
        // the chart keeps the newest points only
        model.currents().forEach(s -> assertThat(s.getData()).hasSize(BenchViewModel.CHART_POINTS));
    }

    @Test
    void theLogKeepsTheNewestLines() {
        for (int i = 0; i < BenchViewModel.LOG_LINES + 10; i++) {
            model.append("line " + i);
        }
        assertThat(model.log()).hasSize(BenchViewModel.LOG_LINES);
        assertThat(model.log().get(model.log().size() - 1)).endsWith("line " + (BenchViewModel.LOG_LINES + 9));
        assertThat(model.log().get(0)).endsWith("line 10");
    }

    @Test
    void onlySelectedPositionsRun() {
        model.selectAll(false);
        model.tile(2).orElseThrow().selectedProperty().set(true);
        assertThat(model.selectedPositions()).containsExactly(2);
    }
}
