package org.testbench.lab.meter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.testbench.lab.port.LineRecord;

/** Where a meter's communication ports can be reached; the lab wires them to the meter's state. */
public interface MeterPorts {

    /** The optical port's TCP endpoint, {@code tcp:127.0.0.1:PORT}. */
    String opticalEndpoint();

    /** The pseudo-terminal a client opens to reach the optical port, if socat was available. */
    Optional<Path> opticalPty();

    /** The AMI port's TCP endpoint (DLMS WRAPPER), {@code tcp:127.0.0.1:PORT}. */
    String amiEndpoint();

    /** What the optical port's paced line carried and when; empty when the lab does not pace. */
    LineRecord opticalLine();

    /** The optical port's own record of its last reaction time (request to identification). */
    default Optional<Duration> lastOpticalReactionTime() {
        return Optional.empty();
    }
}
