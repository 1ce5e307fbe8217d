package org.testbench.lab.mdms.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An immutable view of an asynchronous command at one moment.
 *
 * @param id the command id
 * @param serial the meter
 * @param type what it does
 * @param status where it stands
 * @param reason why it failed; null unless FAILED
 * @param createdAt when the MDMS accepted it
 * @param completedAt when it became EXECUTED or FAILED; null while PENDING
 */
public record Command(UUID id, String serial, CommandType type, CommandStatus status, FailureReason reason,
        Instant createdAt, Instant completedAt) {

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((status == CommandStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a reason is required for FAILED and only for FAILED");
        }
        if ((status == CommandStatus.PENDING) != (completedAt == null)) {
            throw new IllegalArgumentException("completedAt is set exactly when the command is complete");
        }
    }

    static Command pending(String serial, CommandType type, Instant createdAt) {
        return new Command(UUID.randomUUID(), serial, type, CommandStatus.PENDING, null, createdAt, null);
    }

    Command executed(Instant at) {
        return new Command(id, serial, type, CommandStatus.EXECUTED, null, createdAt, at);
    }

    Command failed(FailureReason why, Instant at) {
        return new Command(id, serial, type, CommandStatus.FAILED, why, createdAt, at);
    }

    public boolean isPending() {
        return status == CommandStatus.PENDING;
    }

    public Optional<FailureReason> failureReason() {
        return Optional.ofNullable(reason);
    }
}
