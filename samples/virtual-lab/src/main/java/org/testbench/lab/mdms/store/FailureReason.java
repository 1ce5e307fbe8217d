package org.testbench.lab.mdms.store;

import java.util.Objects;

/** Why a command failed: a stable code and a human-readable message. */
public record FailureReason(FailureCode code, String message) {

    public FailureReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
