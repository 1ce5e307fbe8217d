package org.testbench.lab.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the meters' registers run while the source is on: one daemon thread accrues the load
 * energy every {@link #INTERVAL} of wall time. The accrual measures the time that really passed,
 * so a late tick loses nothing.
 */
final class EnergyTicker implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(EnergyTicker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private final ScheduledExecutorService scheduler;
    private volatile boolean failureReported;

    private EnergyTicker(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static EnergyTicker start(BenchHardware hardware, String threadName) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        EnergyTicker ticker = new EnergyTicker(scheduler);
        scheduler.scheduleAtFixedRate(() -> ticker.tick(hardware), INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return ticker;
    }

    private void tick(BenchHardware hardware) {
        try {
            hardware.accrueEnergy();
        } catch (RuntimeException e) {
            // A task that throws is never run again: keep ticking, and say so once.
            if (!failureReported) {
                failureReported = true;
                LOG.warn("Bench: counting the meters' energy failed; the registers may lag", e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Bench: the energy ticker did not stop within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
