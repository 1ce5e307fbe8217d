package org.testbench.lab.mdms.service;

import java.time.Instant;

/**
 * The load-switch state as the MDMS answers it.
 *
 * @param fromMeter true if read from the meter for this request (METER), false for an earlier reading (CACHE)
 */
public record LoadSwitchReading(String serial, boolean closed, boolean fromMeter, Instant readAt) {
}
