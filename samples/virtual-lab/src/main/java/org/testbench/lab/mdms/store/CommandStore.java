package org.testbench.lab.mdms.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every command of the last 24 hours (the retention the API promises), pending or complete.
 * Thread-safe: creation checks for a pending command of the same kind atomically.
 */
public final class CommandStore {

    /** How long a completed command can still be queried. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final Clock clock;
    /** Insertion order is creation order, which makes pruning cheap. */
    private final Map<UUID, Command> commands = new LinkedHashMap<>();

    public CommandStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates a PENDING command.
     *
     * @throws CommandConflictException if one of the same kind is pending for the meter
     */
    public synchronized Command create(String serial, CommandType type) throws CommandConflictException {
        Instant now = clock.instant();
        prune(now);
        for (Command command : commands.values()) {
            if (command.isPending() && command.serial().equals(serial) && command.type().kind() == type.kind()) {
                throw new CommandConflictException(command);
            }
        }
        Command command = Command.pending(serial, type, now);
        commands.put(command.id(), command);
        return command;
    }

    public synchronized Optional<Command> find(UUID id) {
        return Optional.ofNullable(commands.get(id));
    }

    /** Marks a pending command EXECUTED; returns the new view. */
    public synchronized Command executed(UUID id) {
        return complete(id, commands.get(id).executed(clock.instant()));
    }

    /** Marks a pending command FAILED; returns the new view. */
    public synchronized Command failed(UUID id, FailureReason reason) {
        return complete(id, commands.get(id).failed(reason, clock.instant()));
    }

    private Command complete(UUID id, Command completed) {
        commands.put(id, completed);
        return completed;
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(RETENTION);
        Iterator<Command> it = commands.values().iterator();
        while (it.hasNext()) {
            Command command = it.next();
            if (!command.createdAt().isBefore(oldest)) {
                return;
            }
            if (!command.isPending()) {
                it.remove();
            }
        }
    }
}
