package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The load-switch state in the MDMS's database.
 *
 * @param closed true for CLOSED (customer supplied)
 * @param recordedAt when it was recorded: the meter read, or (with write-before-execute) the request
 */
public record RelayRecord(boolean closed, Instant recordedAt) {

    public RelayRecord {
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
