package org.testbench.sequences.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/** Keeps every event of a run, thread-safely, for assertions. */
final class RecordingListener implements RunListener {

    final List<String> steps = new CopyOnWriteArrayList<>();
    /** "position:index" of each step started, cleanup steps included. */
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<Finding> findings = new CopyOnWriteArrayList<>();
    final List<Measurement> measurements = new CopyOnWriteArrayList<>();

    @Override
    public void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
        started.add(position + ":" + index);
    }

    @Override
    public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
        steps.add(position + ":" + step.id() + ":" + verdict + (message == null ? "" : ":" + message));
    }

    @Override
    public void finding(int position, Step step, Finding finding) {
        findings.add(finding);
    }

    @Override
    public void measurement(int position, Step step, Measurement measurement) {
        measurements.add(measurement);
    }

    List<String> stepsOf(int position) {
        return steps.stream().filter(s -> s.startsWith(position + ":")).toList();
    }
}
