package org.testbench.lab.mdms.service;

import java.time.Instant;

/** A register value as the MDMS answers it. */
public record RegisterReading(String serial, String obis, double value, String unit, Instant meterTimestamp,
        Instant readTimestamp) {
}
