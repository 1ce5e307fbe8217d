package org.testbench.sequences.engine;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/** Several listeners as one: the console, the store and the GUI all hear the same run. */
final class CompositeListener implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeListener.class);

    private final List<RunListener> listeners;

    CompositeListener(List<RunListener> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<RunListener> event) {
        for (RunListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.error("a run listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void runStarted(Sequence sequence, int positions) {
        each(l -> l.runStarted(sequence, positions));
    }

    @Override
    public void positionStarted(int position) {
        each(l -> l.positionStarted(position));
    }

    @Override
    public void serialKnown(int position, String serial) {
        each(l -> l.serialKnown(position, serial));
    }

    @Override
    public void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
        each(l -> l.stepStarted(position, index, step, cleanup, at));
    }

    @Override
    public void measurement(int position, Step step, Measurement measurement) {
        each(l -> l.measurement(position, step, measurement));
    }

    @Override
    public void finding(int position, Step step, Finding finding) {
        each(l -> l.finding(position, step, finding));
    }

    @Override
    public void evidence(int position, Step step, String kind, String content) {
        each(l -> l.evidence(position, step, kind, content));
    }

    @Override
    public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
        each(l -> l.stepFinished(position, step, verdict, message, at));
    }

    @Override
    public void positionFinished(int position, Verdict verdict) {
        each(l -> l.positionFinished(position, verdict));
    }

    @Override
    public void runFinished(RunResult result) {
        each(l -> l.runFinished(result));
    }
}
