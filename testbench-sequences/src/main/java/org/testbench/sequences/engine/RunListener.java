package org.testbench.sequences.engine;

import java.time.Instant;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Progress of a run, as it happens: the CLI prints it, the store records it, the GUI shows it. Called
 * from the positions' threads, concurrently: implementations are thread-safe and quick.
 */
public interface RunListener {

    /** Tells every listener, in order; one that throws does not keep the others from hearing. */
    static RunListener all(java.util.List<RunListener> listeners) {
        return new CompositeListener(java.util.List.copyOf(listeners));
    }

    default void runStarted(Sequence sequence, int positions) {
    }

    default void positionStarted(int position) {
    }

    default void serialKnown(int position, String serial) {
    }

    default void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
    }

    default void measurement(int position, Step step, Measurement measurement) {
    }

    default void finding(int position, Step step, Finding finding) {
    }

    default void evidence(int position, Step step, String kind, String content) {
    }

    default void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
    }

    default void positionFinished(int position, Verdict verdict) {
    }

    default void runFinished(RunResult result) {
    }

    /** A value the run measured or read, with the limit it was held against when there was one. */
    record Measurement(String name, Object value, String limit, Verdict verdict, Instant at) {
    }
}
