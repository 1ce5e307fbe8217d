package org.testbench.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Live progress for people: one line per finished step and per finding, prefixed with the position, so
 * twenty positions at once stay readable. Written to stderr when stdout carries JSON.
 */
final class ConsoleProgress implements RunListener {

    private final PrintWriter out;
    private final Map<Integer, Integer> stepCounts = new ConcurrentHashMap<>();
    private int totalSteps;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void runStarted(Sequence sequence, int positions) {
        totalSteps = sequence.steps().size() + sequence.cleanup().size();
        print(String.format("Running %s on %d position(s)", sequence.name(), positions));
    }

    @Override
    public void stepStarted(int position, int index, Step step, boolean cleanup, Instant at) {
        stepCounts.put(position, index);
    }

    @Override
    public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
        int index = stepCounts.getOrDefault(position, 0);
        print(String.format("pos %3d  [%2d/%2d] %-32s %s%s", position, index, totalSteps, truncate(step.displayName(), 32),
                verdict, message == null ? "" : "  " + message));
    }

    @Override
    public void finding(int position, Step step, Finding finding) {
        print(String.format("pos %3d  finding %s: %s", position, finding.type(), finding.message()));
    }

    @Override
    public void positionFinished(int position, Verdict verdict) {
        print(String.format("pos %3d  done: %s", position, verdict));
    }

    @Override
    public void runFinished(RunResult result) {
        print("Run finished: " + result.verdict());
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
