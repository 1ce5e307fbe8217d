package org.testbench.sequences.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.language.Template;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Everything one attempt of one step works with: the position, the shared instruments, the names it
 * can resolve, and where its measurements, findings and evidence go.
 */
final class StepScope {

    final PositionSetup setup;
    final Instruments instruments;
    final PositionContext context;
    final Step step;
    /** Present when the run has a bench. */
    final java.util.Optional<SharedSource> source;
    private final RunListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private final StepFrames frames = new StepFrames();

    StepScope(PositionSetup setup, Instruments instruments, PositionContext context, Step step, RunListener listener,
              java.util.Optional<SharedSource> source) {
        this.setup = setup;
        this.source = source;
        this.instruments = instruments;
        this.context = context;
        this.step = step;
        this.listener = listener;
    }

    int position() {
        return setup.position();
    }

    Object resolve(Template template) throws StepError {
        return context.resolve(template);
    }

    void measurement(String name, Object value, String limit, Verdict verdict) {
        listener.measurement(position(), step, new RunListener.Measurement(name, value, limit, verdict, Instant.now()));
    }

    void measurement(String name, Object value) {
        measurement(name, value, null, null);
    }

    void finding(Finding finding) {
        findings.add(finding);
        listener.finding(position(), step, finding);
    }

    void evidence(String kind, String content) {
        listener.evidence(position(), step, kind, content);
    }

    /** The run's session options, the frames this step exchanges with the meter kept as its evidence. */
    org.testbench.drivers.dlms.SessionOptions sessionOptions() {
        return instruments.sessionOptions().withFrameLog(frames);
    }

    /** Records the DLMS frames the step exchanged (evidence "dlms frames"), if it exchanged any. */
    void recordFrames() {
        if (!frames.isEmpty()) {
            evidence("dlms frames", frames.text());
        }
    }

    void serialKnown(String serial) {
        context.serial(serial);
        listener.serialKnown(position(), serial);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }
}
