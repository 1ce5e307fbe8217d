package org.testbench.lab.mdms;

import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long the AMI network between head-end and meters takes, as the bench meets it: RF meters
 * answer within seconds, PLC meters after minutes, up to half an hour. Every delay is drawn
 * uniformly from the profile's range and multiplied by the MDMS's time scale.
 */
public enum MdmsLatency {

    /** Radio mesh: a command executes 1-3 s after it was accepted; a read takes 0.2-1 s. */
    RF(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1)),
    /**
     * Power-line carrier: a command executes 2-30 min after it was accepted; a synchronous read
     * keeps the HTTP request waiting 5-30 s.
     */
    PLC(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final Duration commandMin;
    private final Duration commandMax;
    private final Duration readMin;
    private final Duration readMax;

    MdmsLatency(Duration commandMin, Duration commandMax, Duration readMin, Duration readMax) {
        this.commandMin = commandMin;
        this.commandMax = commandMax;
        this.readMin = readMin;
        this.readMax = readMax;
    }

    /** The profile named {@code rf} or {@code plc} (case-insensitive). */
    public static MdmsLatency parse(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (MdmsLatency latency : values()) {
            if (latency.name().equals(wanted)) {
                return latency;
            }
        }
        throw new IllegalArgumentException("unknown MDMS latency '" + name + "'; valid: rf, plc");
    }

    /** Delay between accepting a command and executing it at the meter. */
    public Duration commandDelay(RandomGenerator random, double timeScale) {
        return scaled(draw(random, commandMin, commandMax), timeScale);
    }

    /** Delay the network adds to a synchronous read. */
    public Duration readDelay(RandomGenerator random, double timeScale) {
        return scaled(draw(random, readMin, readMax), timeScale);
    }

    public Duration minCommandDelay() {
        return commandMin;
    }

    public Duration maxCommandDelay() {
        return commandMax;
    }

    private static Duration draw(RandomGenerator random, Duration min, Duration max) {
        long span = max.toNanos() - min.toNanos();
        return min.plusNanos(span == 0 ? 0 : random.nextLong(span + 1));
    }

    private static Duration scaled(Duration delay, double timeScale) {
        return Duration.ofNanos(Math.round(delay.toNanos() * timeScale));
    }
}
