package org.testbench.sequences.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Template;
import org.testbench.sequences.outcome.Verdict;

/**
 * Runs one sequence on many positions in parallel (a real bench has up to 48; the virtual lab takes
 * hundreds). Positions share the instruments, which serialise their own conversations. An abort stops
 * every position at its next step — the running step is interrupted — and cleanup still runs.
 */
public final class SequenceEngine {

    /** Most positions run at the same time; more wait for a free slot. */
    private final int maxParallel;

    public SequenceEngine(int maxParallel) {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1");
        }
        this.maxParallel = maxParallel;
    }

    public SequenceEngine() {
        this(256);
    }

    /**
     * Starts a run and returns at once.
     *
     * @param overrides parameter values given for this run (from the command line or the GUI)
     */
    public RunHandle start(Sequence sequence, Map<String, String> overrides, List<PositionSetup> positions,
                           Instruments instruments, RunListener listener) {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one position");
        }
        Map<String, Object> parameters = parameters(sequence, overrides);
        AtomicBoolean aborted = new AtomicBoolean();
        ExecutorService positionThreads = Executors.newFixedThreadPool(Math.min(maxParallel, positions.size()),
                daemon("position"));
        ExecutorService stepThreads = Executors.newCachedThreadPool(daemon("step"));
        Instant startedAt = Instant.now();
        listener.runStarted(sequence, positions.size());
        java.util.Optional<SharedSource> source = instruments.bench().map(SharedSource::new);
        List<PositionRun> runs = new ArrayList<>();
        List<CompletableFuture<RunResult.PositionResult>> futures = new ArrayList<>();
        for (PositionSetup setup : positions) {
            PositionContext context = new PositionContext(setup.position(), setup.serial(), parameters);
            PositionRun run = new PositionRun(sequence, setup, instruments, context, listener, stepThreads, aborted::get,
                    source);
            runs.add(run);
            futures.add(CompletableFuture.supplyAsync(run::run, positionThreads));
        }
        CompletableFuture<RunResult> result = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    source.ifPresent(SequenceEngine::leaveSafe);
                    List<RunResult.PositionResult> results = futures.stream().map(CompletableFuture::join).toList();
                    Verdict verdict = results.stream().map(RunResult.PositionResult::verdict)
                            .reduce(Verdict.PASS, Verdict::combine);
                    RunResult r = new RunResult(verdict, results, startedAt, Instant.now());
                    listener.runFinished(r);
                    return r;
                });
        result.whenComplete((r, e) -> {
            positionThreads.shutdown();
            stepThreads.shutdownNow();
        });
        return new RunHandle(result, () -> {
            aborted.set(true);
            runs.forEach(PositionRun::interrupt);
        });
    }

    /** Parameters from the file, with overrides; an override of an unknown parameter is an error. */
    private static Map<String, Object> parameters(Sequence sequence, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Template> p : sequence.parameters().entrySet()) {
            values.put(p.getKey(), Values.literal(p.getValue().text()));
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!values.containsKey(o.getKey())) {
                throw new IllegalArgumentException("sequence " + sequence.name() + " has no parameter '" + o.getKey()
                        + "' (it has: " + String.join(", ", values.keySet()) + ")");
            }
            values.put(o.getKey(), Values.literal(o.getValue()));
        }
        return values;
    }

    private static void leaveSafe(SharedSource source) {
        try {
            source.endOfRun();
        } catch (java.io.IOException e) {
            LoggerFactory.getLogger(SequenceEngine.class).error("could not switch the bench's source off after the run: {}",
                    e.getMessage());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "testbench-" + prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
