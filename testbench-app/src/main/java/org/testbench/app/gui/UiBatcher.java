package org.testbench.app.gui;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Gets updates from many threads onto the UI thread in batches: however fast twenty positions report,
 * the UI thread is asked at most once per batch, and applies everything queued by then, in order.
 */
public final class UiBatcher {

    private final Consumer<Runnable> uiThread;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public UiBatcher(Consumer<Runnable> uiThread) {
        this.uiThread = uiThread;
    }

    public void submit(Runnable update) {
        pending.add(update);
        if (scheduled.compareAndSet(false, true)) {
            uiThread.accept(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Runnable r;
        while ((r = pending.poll()) != null) {
            r.run();
        }
    }
}
