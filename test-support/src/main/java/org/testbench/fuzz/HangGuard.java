package org.testbench.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs what a fuzz property tries on a daemon thread, with a limit far above the timeouts of the code under test:
 * only a hang reaches it, and a hang fails the property by name instead of holding the suite.
 */
public final class HangGuard implements AutoCloseable {

    private final ExecutorService threads;
    private final Duration limit;

    public HangGuard(String threadName, Duration limit) {
        this.limit = limit;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The task's result, or what it threw, as thrown. */
    public <T> T call(String what, Callable<T> task) throws Exception {
        Future<T> running = threads.submit(task);
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw hung(what, running);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Null when the task returned, else what it threw. */
    public Throwable outcome(String what, Callable<?> task) throws InterruptedException {
        Future<?> running = threads.submit(task);
        try {
            running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            throw hung(what, running);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private AssertionError hung(String what, Future<?> running) {
        running.cancel(true);
        return new AssertionError(what + " hung (still running after " + limit.toSeconds() + " s)");
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
