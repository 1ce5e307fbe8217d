package org.testbench.app.gui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long work off the UI thread: imports, database queries, report signing, starting the lab. The result
 * comes back on the UI thread; a failure becomes a readable message in the status line (and the
 * caller's handler), with the details in the log. The window never waits.
 */
public final class Background implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "testbench-gui-work");
        t.setDaemon(true);
        return t;
    });
    /** Quiet periodic work (live views): one thread, so a slow database never piles polls up. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "testbench-gui-poll");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Runnable> uiThread;
    private final AtomicInteger running = new AtomicInteger();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyBooleanWrapper lastFailed = new ReadOnlyBooleanWrapper(false);

    /** @param uiThread how to get onto the UI thread ({@code Platform::runLater}; direct in plain unit tests) */
    public Background(Consumer<Runnable> uiThread) {
        this.uiThread = uiThread;
    }

    public static Background onFxThread() {
        return new Background(Platform::runLater);
    }

    /**
     * @param what what is being done, as the status line says it ("Importing mdms-v1.yaml")
     */
    public <T> void run(String what, Callable<T> work, Consumer<T> done, Consumer<String> failed) {
        started(what);
        executor.execute(() -> {
            try {
                T result = work.call();
                uiThread.accept(() -> {
                    finished(what + ": done", false);
                    done.accept(result);
                });
            } catch (Exception | LinkageError e) {
                log.info("{} failed", what, e);
                String message = Errors.readable(e);
                uiThread.accept(() -> {
                    finished(what + " failed: " + message, true);
                    failed.accept(message);
                });
            }
        });
    }

    /**
     * Runs the work every interval (after the previous one ended), quietly: no busy indicator and no status
     * line, because a view that keeps itself up to date is not something the user started. A result other than
     * null reaches {@code done} on the UI thread; a failure reaches {@code failed} there as a readable message
     * (logged once until the work succeeds again). Stops when cancelled or when this closes.
     */
    public <T> Future<?> repeat(Duration interval, Callable<T> work, Consumer<T> done, Consumer<String> failed) {
        boolean[] failing = {false};
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                T result = work.call();
                failing[0] = false;
                if (result != null) {
                    uiThread.accept(() -> done.accept(result));
                }
            } catch (Exception | LinkageError e) {
                if (!failing[0]) {
                    log.info("periodic work failed (logged once until it works again)", e);
                }
                failing[0] = true;
                String message = Errors.readable(e);
                uiThread.accept(() -> failed.accept(message));
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void started(String what) {
        uiThread.accept(() -> {
            running.incrementAndGet();
            busy.set(true);
            lastFailed.set(false);
            status.set(what + "…");
        });
    }

    private void finished(String message, boolean failure) {
        busy.set(running.decrementAndGet() > 0);
        lastFailed.set(failure);
        status.set(message);
    }

    /** Shown in the status line. */
    public void say(String message) {
        uiThread.accept(() -> {
            lastFailed.set(false);
            status.set(message);
        });
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lastFailedProperty() {
        return lastFailed.getReadOnlyProperty();
    }

    /** Work for the UI thread, e.g. from an engine thread. */
    public void onUiThread(Runnable r) {
        uiThread.accept(r);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }
}
