package org.testbench.lab.mdms.service;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.headend.HeadEnd;
import org.testbench.lab.mdms.headend.HeadEndException;
import org.testbench.lab.mdms.headend.RelayReading;
import org.testbench.lab.mdms.store.Command;
import org.testbench.lab.mdms.store.CommandConflictException;
import org.testbench.lab.mdms.store.CommandStore;
import org.testbench.lab.mdms.store.CommandType;
import org.testbench.lab.mdms.store.FailureCode;
import org.testbench.lab.mdms.store.FailureReason;
import org.testbench.lab.mdms.store.LoadSwitchRecords;
import org.testbench.lab.mdms.store.MeterRegistry;
import org.testbench.lab.mdms.store.RelayRecord;

/**
 * Asynchronous commands: accepted at once (PENDING), executed by the head-end after the network's
 * command delay on a scheduler thread, then EXECUTED or FAILED with a reason.
 *
 * <p>A correct MDMS records the load-switch state only once the meter confirmed it. With the
 * write-before-execute fault it records the requested state on acceptance and leaves it there
 * whatever happens.
 */
public final class CommandService {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

    private final MeterRegistry meters;
    private final CommandStore commands;
    private final HeadEnd headEnd;
    private final LoadSwitchRecords relays;
    private final NetworkDelay delay;
    private final ScheduledExecutorService scheduler;
    private final MdmsSettings settings;
    private final Failures failures;

    public CommandService(MeterRegistry meters, CommandStore commands, HeadEnd headEnd, LoadSwitchRecords relays,
            NetworkDelay delay, ScheduledExecutorService scheduler, MdmsSettings settings) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.headEnd = Objects.requireNonNull(headEnd, "headEnd");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.failures = new Failures(settings.has(MdmsFault.UNREACHABLE_AS_500));
    }

    /** Queues remote disconnect ({@code close} false) or remote reconnect. */
    public Command switchLoad(String serial, boolean close) {
        Command command = accept(serial, close ? CommandType.LOAD_SWITCH_CLOSE : CommandType.LOAD_SWITCH_OPEN);
        if (settings.has(MdmsFault.WRITE_BEFORE_EXECUTE)) {
            relays.record(serial, new RelayRecord(close, command.createdAt()));
        }
        return schedule(command, () -> {
            RelayReading confirmed = headEnd.switchRelay(serial, close);
            relays.record(serial, new RelayRecord(confirmed.closed(), confirmed.at()));
        });
    }

    /** Queues the end-of-billing-period script. */
    public Command newBillingPeriod(String serial) {
        return schedule(accept(serial, CommandType.BILLING_NEW_PERIOD), () -> headEnd.endBillingPeriod(serial));
    }

    /** Queues a consumer message; an empty message clears the display. */
    public Command display(String serial, String message) {
        Objects.requireNonNull(message, "message");
        return schedule(accept(serial, CommandType.DISPLAY_MESSAGE), () -> headEnd.showMessage(serial, message));
    }

    /** The command's current view. */
    public Command find(UUID id) {
        return commands.find(id).orElseThrow(() -> new ServiceException(ErrorCode.COMMAND_NOT_FOUND,
                "Unknown command", "commandId: no command " + id, null));
    }

    private Command accept(String serial, CommandType type) {
        if (meters.find(serial).isEmpty()) {
            throw ServiceException.meterNotFound(serial);
        }
        try {
            return commands.create(serial, type);
        } catch (CommandConflictException e) {
            throw new ServiceException(ErrorCode.COMMAND_CONFLICT,
                    "A " + type.kind().label() + " command is already pending for meter " + serial,
                    "pending command " + e.pending().id(), serial);
        }
    }

    @FunctionalInterface
    private interface Execution {
        void run() throws HeadEndException;
    }

    private Command schedule(Command command, Execution execution) {
        Duration wait = delay.nextCommandDelay();
        LOG.info("Command {} {} for meter {} accepted, executes in {} ms", command.id(), command.type(),
                command.serial(), wait.toMillis());
        try {
            scheduler.schedule(() -> execute(command, execution), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Only while the MDMS shuts down.
            commands.failed(command.id(), new FailureReason(FailureCode.INTERNAL_ERROR, "The MDMS is shutting down"));
            throw ServiceException.internal("shutdown");
        }
        return command;
    }

    private void execute(Command command, Execution execution) {
        Command done;
        try {
            execution.run();
            done = commands.executed(command.id());
        } catch (HeadEndException e) {
            done = commands.failed(command.id(), failures.ofCommand(e));
        } catch (RuntimeException e) {
            LOG.warn("Command {} for meter {} failed inside the MDMS", command.id(), command.serial(), e);
            done = commands.failed(command.id(), new FailureReason(FailureCode.INTERNAL_ERROR, "Internal error"));
        }
        LOG.info("Command {} {} for meter {}: {}{}", done.id(), done.type(), done.serial(), done.status(),
                done.failureReason().map(reason -> " (" + reason.code() + ")").orElse(""));
    }
}
