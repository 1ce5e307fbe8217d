package org.testbench.mdms.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the MDMS and the AMI behind it may take. RF networks answer in seconds; PLC can take 30
 * minutes and more for one command (the lab paper, 8.5), so a timeout fit for one would abort tests
 * on the other.
 *
 * @param callTimeout     one HTTP call, including a synchronous read that contacts the meter
 * @param pollInterval    between two status queries of a command
 * @param commandDeadline from acceptance until the command must be EXECUTED or FAILED
 */
public record LatencyProfile(String name, Duration callTimeout, Duration pollInterval, Duration commandDeadline) {

    public LatencyProfile {
        Objects.requireNonNull(name, "name");
        positive("callTimeout", callTimeout);
        positive("pollInterval", pollInterval);
        positive("commandDeadline", commandDeadline);
        if (pollInterval.compareTo(commandDeadline) > 0) {
            throw new IllegalArgumentException(name + ": poll interval " + pollInterval
                    + " is longer than the command deadline " + commandDeadline);
        }
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    /** Radio mesh: answers in seconds. */
    public static LatencyProfile rf() {
        return new LatencyProfile("RF", Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(3));
    }

    /** Power-line carrier: a command may take well over 30 minutes; synchronous reads minutes. */
    public static LatencyProfile plc() {
        return new LatencyProfile("PLC", Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(45));
    }

    public LatencyProfile withCommandDeadline(Duration deadline) {
        return new LatencyProfile(name, callTimeout, pollInterval, deadline);
    }

    public LatencyProfile withPollInterval(Duration interval) {
        return new LatencyProfile(name, callTimeout, interval, commandDeadline);
    }

    public LatencyProfile withCallTimeout(Duration timeout) {
        return new LatencyProfile(name, timeout, pollInterval, commandDeadline);
    }
}
