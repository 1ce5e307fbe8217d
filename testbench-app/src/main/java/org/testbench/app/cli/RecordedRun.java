package org.testbench.app.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunHandle;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.ResultStoreException;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunRecorder;
import org.testbench.sequences.results.RunStart;

/** A sequence run from start to end, recorded in the results store as it happens. */
record RecordedRun(RunId runId, RunResult result, int failedWrites) {

    /**
     * @param started told of the running run, e.g. to abort it on Ctrl+C
     */
    static RecordedRun execute(Sequence sequence, Map<String, String> parameters, List<PositionSetup> positions,
                               Instruments instruments, ResultStore store, RunStart start, RunListener progress,
                               Consumer<RunHandle> started) throws ResultStoreException, InterruptedException {
        RunRecorder recorder = new RunRecorder(store, start);
        RunHandle handle = new SequenceEngine().start(sequence, parameters, positions, instruments,
                RunListener.all(List.of(progress, recorder)));
        started.accept(handle);
        RunResult result = handle.await();
        return new RecordedRun(recorder.runId(), result, recorder.failedWrites());
    }
}
