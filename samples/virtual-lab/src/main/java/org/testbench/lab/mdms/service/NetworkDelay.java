package org.testbench.lab.mdms.service;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.testbench.lab.mdms.MdmsLatency;

/** The delays of the AMI network, drawn from the latency profile and scaled. Thread-safe. */
public final class NetworkDelay {

    private final MdmsLatency latency;
    private final double timeScale;
    private final RandomGenerator random;

    public NetworkDelay(MdmsLatency latency, double timeScale, RandomGenerator random) {
        this.latency = Objects.requireNonNull(latency, "latency");
        this.timeScale = timeScale;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** How long after acceptance the next command executes. */
    public Duration nextCommandDelay() {
        synchronized (random) {
            return latency.commandDelay(random, timeScale);
        }
    }

    /** Blocks the calling request for the network's read delay. */
    public void beforeRead() {
        Duration delay;
        synchronized (random) {
            delay = latency.readDelay(random, timeScale);
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.internal("shutdown");
        }
    }
}
