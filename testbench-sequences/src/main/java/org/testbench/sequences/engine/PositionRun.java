package org.testbench.sequences.engine;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.sequences.language.Check;
import org.testbench.sequences.language.OnFail;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * One position through a sequence: the steps in order (each with its timeout, retries and on_fail),
 * then the cleanup, which always runs — after a failure, an error or an abort — so the bench is left
 * safe. A step's verdict is ERROR when it could not be carried out, FAIL when it produced a finding.
 */
final class PositionRun {

    private static final Logger LOG = LoggerFactory.getLogger(PositionRun.class);

    /** How one step came out. */
    record StepOutcome(Verdict verdict, String message, List<Finding> findings) {
    }

    private final Sequence sequence;
    private final PositionSetup setup;
    private final Instruments instruments;
    private final PositionContext context;
    private final RunListener listener;
    private final ExecutorService stepThreads;
    private final BooleanSupplier aborted;
    private final java.util.Optional<SharedSource> source;
    private final List<Finding> findings = new ArrayList<>();
    private volatile Future<?> running;
    private volatile boolean inCleanup;

    PositionRun(Sequence sequence, PositionSetup setup, Instruments instruments, PositionContext context,
                RunListener listener, ExecutorService stepThreads, BooleanSupplier aborted,
                java.util.Optional<SharedSource> source) {
        this.source = source;
        this.sequence = sequence;
        this.setup = setup;
        this.instruments = instruments;
        this.context = context;
        this.listener = listener;
        this.stepThreads = stepThreads;
        this.aborted = aborted;
    }

    RunResult.PositionResult run() {
        try {
            return runSteps();
        } finally {
            // Keys the MDMS delivered live as long as the position's run, cleanup included, and no longer.
            context.destroyKeys();
        }
    }

    private RunResult.PositionResult runSteps() {
        listener.positionStarted(setup.position());
        setup.serial().ifPresent(s -> listener.serialKnown(setup.position(), s));
        java.util.Optional<String> notApplicable = MeterApplicability.whyNot(sequence, setup.profile());
        if (notApplicable.isPresent()) {
            listener.positionFinished(setup.position(), Verdict.ERROR);
            return new RunResult.PositionResult(setup.position(), context.serial().orElse(null), Verdict.ERROR,
                    findings, notApplicable.get());
        }
        Verdict verdict = Verdict.PASS;
        String message = null;
        int index = 0;
        for (Step step : sequence.steps()) {
            if (aborted.getAsBoolean()) {
                verdict = verdict.combine(Verdict.ABORTED);
                message = "aborted before step '" + step.displayName() + "'";
                break;
            }
            StepOutcome outcome = runStep(++index, step, false);
            verdict = verdict.combine(outcome.verdict());
            if (outcome.verdict() != Verdict.PASS && message == null) {
                message = "step '" + step.displayName() + "': " + outcome.message();
            }
            if (outcome.verdict() == Verdict.ERROR || outcome.verdict() == Verdict.ABORTED
                    || outcome.verdict() == Verdict.FAIL && step.onFail() == OnFail.STOP) {
                break;
            }
        }
        inCleanup = true;
        for (Step step : sequence.cleanup()) {
            StepOutcome outcome = runStep(++index, step, true);
            if (outcome.verdict() == Verdict.ERROR || outcome.verdict() == Verdict.ABORTED) {
                // A cleanup that did not complete may leave the bench unsafe: the test was not carried out cleanly.
                verdict = verdict.combine(Verdict.ERROR);
                if (message == null) {
                    message = "cleanup step '" + step.displayName() + "': " + outcome.message();
                }
            } else {
                verdict = verdict.combine(outcome.verdict());
            }
        }
        listener.positionFinished(setup.position(), verdict);
        return new RunResult.PositionResult(setup.position(), context.serial().orElse(null), verdict, findings, message);
    }

    private StepOutcome runStep(int index, Step step, boolean cleanup) {
        listener.stepStarted(setup.position(), index, step, cleanup, Instant.now());
        StepOutcome outcome = null;
        for (int attempt = 0; attempt <= step.retries(); attempt++) {
            if (attempt > 0) {
                LOG.debug("position {}: retrying step '{}' ({}/{})", setup.position(), step.id(), attempt, step.retries());
                if (!pause(step.retryDelay().toMillis(), cleanup)) {
                    outcome = new StepOutcome(Verdict.ABORTED, "aborted", List.of());
                    break;
                }
            }
            outcome = attempt(step, cleanup);
            if (outcome.verdict() == Verdict.PASS || outcome.verdict() == Verdict.ABORTED) {
                break;
            }
        }
        findings.addAll(outcome.findings());
        listener.stepFinished(setup.position(), step, outcome.verdict(), outcome.message(), Instant.now());
        return outcome;
    }

    private StepOutcome attempt(Step step, boolean cleanup) {
        StepScope scope = new StepScope(setup, instruments, context, step, listener, source);
        Future<StepResult> future = stepThreads.submit(() -> {
            StepResult result = ActionRunner.run(step.action(), scope);
            context.remember(step.id(), result);
            for (Check check : step.expect()) {
                CheckEvaluator.evaluate(check, scope, true);
            }
            return result;
        });
        running = future;
        try {
            future.get(step.timeout().toMillis(), TimeUnit.MILLISECONDS);
            List<Finding> found = scope.findings();
            if (found.isEmpty()) {
                return new StepOutcome(Verdict.PASS, null, List.of());
            }
            return new StepOutcome(Verdict.FAIL, found.get(0).message(), found);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new StepOutcome(Verdict.ERROR, "no result within the step's timeout of "
                    + describe(step.timeout()), scope.findings());
        } catch (CancellationException e) {
            return new StepOutcome(Verdict.ABORTED, "aborted", scope.findings());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new StepOutcome(Verdict.ABORTED, "aborted", scope.findings());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                return new StepOutcome(cleanup ? Verdict.ERROR : Verdict.ABORTED, "interrupted", scope.findings());
            }
            if (cause instanceof StepError || cause instanceof IOException || cause instanceof IllegalArgumentException) {
                return new StepOutcome(Verdict.ERROR, cause.getMessage(), scope.findings());
            }
            LOG.error("position {}: step '{}' failed unexpectedly", setup.position(), step.id(), cause);
            return new StepOutcome(Verdict.ERROR, "unexpected " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), scope.findings());
        } finally {
            running = null;
            scope.recordFrames();
        }
    }

    /** Interrupts the step that is running, if any, unless it is cleaning up; the position then goes to cleanup. */
    void interrupt() {
        Future<?> f = running;
        if (f != null && !inCleanup) {
            f.cancel(true);
        }
    }

    private boolean pause(long millis, boolean cleanup) {
        try {
            Thread.sleep(millis);
            return cleanup || !aborted.getAsBoolean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(java.time.Duration d) {
        return d.toMillis() % 60_000 == 0 ? d.toMinutes() + " min" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : d.toMillis() + " ms";
    }
}
