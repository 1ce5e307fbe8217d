package org.testbench.sequences.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: wait for its result, or abort it (cleanup still runs on every position). */
public final class RunHandle {

    private final CompletableFuture<RunResult> result;
    private final Runnable abort;

    RunHandle(CompletableFuture<RunResult> result, Runnable abort) {
        this.result = result;
        this.abort = abort;
    }

    public void abort() {
        abort.run();
    }

    public boolean isDone() {
        return result.isDone();
    }

    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run failed inside the engine", e.getCause());
        }
    }

    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run failed inside the engine", e.getCause());
        }
    }

    /** Called once the run has ended, on the thread that ended it. */
    public void onDone(java.util.function.Consumer<RunResult> action) {
        result.thenAccept(action);
    }
}
