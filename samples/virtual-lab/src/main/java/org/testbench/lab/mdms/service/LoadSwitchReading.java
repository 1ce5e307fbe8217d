package org.testbench.lab.mdms.service;

import java.time.Instant;

/**
 * The load-switch state as the MDMS answers it.
 *
 * @param armed true if open but ready_for_reconnection (a reconnect the meter armed; its button closes it); a
 *              CACHE answer keeps output_state only, so it is never armed
 * @param fromMeter true if read from the meter for this request (METER), false for an earlier reading (CACHE)
 */
public record LoadSwitchReading(String serial, boolean closed, boolean armed, boolean fromMeter, Instant readAt) {
}
