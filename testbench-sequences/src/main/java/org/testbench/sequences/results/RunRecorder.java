package org.testbench.sequences.results;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Records a run in the results store as it happens: every step, measurement, finding and piece of
 * evidence is committed when it occurs, so a crash loses nothing already seen. A write that fails is
 * logged and counted ({@link #failedWrites()}); it never stops the run, whose bench must still be left safe.
 * A lost connection to the database is the exception: the store records nothing more, so the recorder
 * tells its owner once ({@link #storeLost()}), who stops the run safely, its cleanup steps included.
 */
public final class RunRecorder implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private final ResultStore store;
    private final RunId run;
    private final Map<Integer, StepId> currentStep = new ConcurrentHashMap<>();
    private final AtomicInteger failedWrites = new AtomicInteger();
    private final AtomicReference<String> storeLost = new AtomicReference<>();
    private final Consumer<String> onStoreLost;

    /** Starts the run in the store at once, so that it is there even if the process dies right after. */
    public RunRecorder(ResultStore store, RunStart start) throws ResultStoreException {
        this(store, start, message -> { });
    }

    /**
     * @param onStoreLost called once, with the store's message, when the connection to the database is lost;
     *                    stops the run
     */
    public RunRecorder(ResultStore store, RunStart start, Consumer<String> onStoreLost) throws ResultStoreException {
        this.store = store;
        this.onStoreLost = onStoreLost;
        this.run = store.startRun(start);
    }

    /** Why the store stopped recording this run mid-way: a lost connection to the database. */
    public Optional<String> storeLost() {
        return Optional.ofNullable(storeLost.get());
    }

    public RunId runId() {
        return run;
    }

    /** Writes the store could not take; each was logged with its reason. */
    public int failedWrites() {
        return failedWrites.get();
    }

    @Override
    public void positionStarted(int position) {
        write("start of position " + position, () -> store.startPosition(run, position, null));
    }

    @Override
    public void serialKnown(int position, String serial) {
        write("serial of position " + position, () -> store.setMeterSerial(run, position, serial));
    }

    @Override
    public void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
        write("start of step " + step.id(), () -> currentStep.put(position,
                store.startStep(run, position, index, (cleanup ? "cleanup: " : "") + step.displayName(),
                        step.action().kind(), at)));
    }

    @Override
    public void measurement(int position, Step step, Measurement m) {
        StepId id = currentStep.get(position);
        if (id == null) {
            return;
        }
        Verdict verdict = m.verdict() == null ? Verdict.PASS : m.verdict();
        MeasurementRecord record = m.value() instanceof Quantity q
                ? MeasurementRecord.numeric(m.name(), q.value(), q.unit().symbol(), m.limit(), verdict, m.at())
                : m.value() instanceof Number n
                ? MeasurementRecord.numeric(m.name(), n.doubleValue(), "", m.limit(), verdict, m.at())
                : MeasurementRecord.text(m.name(), String.valueOf(m.value()), m.limit(), verdict, m.at());
        write("measurement " + m.name(), () -> store.recordMeasurement(id, record));
    }

    @Override
    public void finding(int position, Step step, Finding finding) {
        write("finding " + finding.type(), () -> store.recordFinding(run, position, currentStep.get(position), finding));
    }

    @Override
    public void evidence(int position, Step step, String kind, String content) {
        StepId id = currentStep.get(position);
        if (id != null) {
            write("evidence " + kind, () -> store.recordEvidence(id, kind, content));
        }
    }

    @Override
    public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
        StepId id = currentStep.remove(position);
        if (id != null) {
            write("end of step " + step.id(), () -> store.finishStep(id, verdict, message, at));
        }
    }

    @Override
    public void positionFinished(int position, Verdict verdict) {
        write("end of position " + position, () -> store.finishPosition(run, position, verdict));
    }

    @Override
    public void runFinished(RunResult result) {
        write("end of run", () -> store.finishRun(run, result.verdict(), result.endedAt()));
    }

    @Override
    public void runStarted(Sequence sequence, int positions) {
        // The run was started in the store by the constructor.
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(String what, Write write) {
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            failedWrites.incrementAndGet();
            LOG.error("run {}: could not record {}: {}", run, what, e.getMessage());
            if (e instanceof ResultStoreException lost && lost.reason() == ResultStoreException.Reason.CONNECTION_LOST
                    && storeLost.compareAndSet(null, lost.getMessage())) {
                onStoreLost.accept(lost.getMessage());
            }
        }
    }
}
