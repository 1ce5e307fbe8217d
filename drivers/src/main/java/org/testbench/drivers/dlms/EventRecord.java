package org.testbench.drivers.dlms;

import java.time.OffsetDateTime;

/** One row of an event log: when, and the event code (e.g. 61 remote disconnection). */
public record EventRecord(OffsetDateTime time, int code) {
}
