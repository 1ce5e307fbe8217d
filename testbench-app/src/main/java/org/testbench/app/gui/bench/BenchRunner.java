package org.testbench.app.gui.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.testbench.app.runs.LabBench;
import org.testbench.app.runs.RecordedRun;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunHandle;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunStart;

/**
 * Runs a sequence on selected positions of the bench, recorded in the results database as it happens,
 * exactly as {@code testbench run} and {@code testbench demo} do. Blocks until the run ends: call it off
 * the UI thread. {@link #abort} stops every position at its running step; cleanup still runs.
 */
public final class BenchRunner {

    private final AtomicReference<RunHandle> running = new AtomicReference<>();

    public RecordedRun run(LabBench bench, ResultStore store, Sequence sequence, List<Integer> selected,
                           OperatorPrompter prompter, RunListener listener, String operator) throws Exception {
        List<PositionSetup> positions = bench.positions().stream().filter(p -> selected.contains(p.position())).toList();
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("no position selected");
        }
        RunStart start = bench.runStart(sequence, operator, "virtual lab (testbench gui)", positions);
        try {
            return RecordedRun.execute(sequence, Map.of(), positions, bench.instruments(prompter), store, start,
                    listener, running::set);
        } finally {
            running.set(null);
        }
    }

    public boolean abort() {
        RunHandle handle = running.get();
        if (handle == null || handle.isDone()) {
            return false;
        }
        handle.abort();
        return true;
    }

    /** On closing the window: abort, and give the cleanup time to leave the bench safe. */
    public void abortAndWait(java.time.Duration timeout) {
        RunHandle handle = running.get();
        if (handle == null || handle.isDone()) {
            return;
        }
        handle.abort();
        try {
            handle.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(BenchRunner.class).warn("the aborted run's cleanup did not end within {}",
                    timeout);
        }
    }

    public boolean isRunning() {
        RunHandle handle = running.get();
        return handle != null && !handle.isDone();
    }
}
