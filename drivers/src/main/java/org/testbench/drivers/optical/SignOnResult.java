package org.testbench.drivers.optical;

import java.time.Duration;
import org.testbench.drivers.transport.Transport;

/**
 * What a sign-on established: who answered, at which rate we continue, whether the head echoes, how
 * fast the meter reacted (IEC 62056-21 wants at least 200 ms, or 20 ms for a lower-case flag), and
 * the transport that now carries HDLC frames.
 */
public record SignOnResult(Identification identification, int baud, boolean echo, Duration reactionTime,
                           Transport transport) {
}
