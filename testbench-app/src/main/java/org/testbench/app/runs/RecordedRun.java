package org.testbench.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunHandle;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.results.MdmsInterface;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.ResultStoreException;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunRecorder;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.Sha256;

/**
 * A sequence run from start to end, recorded in the results store as it happens.
 *
 * @param storeLost why the run was stopped half-way: the connection to the results database was lost
 */
public record RecordedRun(RunId runId, RunResult result, int failedWrites, Optional<String> storeLost) {

    /**
     * What the store keeps about a run's start: the sequence with its hash, who ran it at which station
     * (empty: this host's name) where, this software's version, and the MDMS interface (API version, hashes of
     * spec and binding) when one is used.
     */
    public static RunStart start(Sequence sequence, String operator, Optional<String> station, String lab,
                          List<PositionSetup> positions, ClientMdmsGateway mdms, Path spec, Path binding)
            throws IOException {
        RunStart.Builder start = RunStart.newBuilder()
                .sequence(sequence.name(), Sha256.parse(sequence.sha256()), sequence.source())
                .softwareVersion(SoftwareVersion.text())
                .operator(operator)
                .lab(lab)
                .plannedPositions(positions.stream().map(PositionSetup::position).toList())
                .startedAt(Instant.now());
        station.ifPresent(start::station);
        if (mdms != null) {
            start.mdms(new MdmsInterface(mdms.apiVersion(), Sha256.of(Files.readAllBytes(spec)),
                    Sha256.of(Files.readAllBytes(binding))));
        }
        return start.build();
    }

    /**
     * @param started told of the running run, e.g. to abort it on Ctrl+C
     *
     * <p>A connection to the results database lost half-way stops the run safely (every position's cleanup
     * runs): what it would do next could not be recorded. {@link #storeLost()} says so.
     */
    public static RecordedRun execute(Sequence sequence, Map<String, String> parameters, List<PositionSetup> positions,
                               Instruments instruments, ResultStore store, RunStart start, RunListener progress,
                               Consumer<RunHandle> started) throws ResultStoreException, InterruptedException {
        AtomicReference<RunHandle> running = new AtomicReference<>();
        AtomicBoolean lost = new AtomicBoolean();
        RunRecorder recorder = new RunRecorder(store, start, message -> {
            lost.set(true);
            RunHandle handle = running.get();
            if (handle != null) {
                handle.abort();
            }
        });
        RunHandle handle = new SequenceEngine().start(sequence, parameters, positions, instruments,
                RunListener.all(List.of(progress, recorder)));
        running.set(handle);
        if (lost.get()) {
            handle.abort(); // lost before the handle was known
        }
        started.accept(handle);
        RunResult result = handle.await();
        return new RecordedRun(recorder.runId(), result, recorder.failedWrites(), recorder.storeLost());
    }
}
