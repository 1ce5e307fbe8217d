package org.testbench.mdms.client.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.CommandState;
import org.testbench.mdms.client.CommandEnding;
import org.testbench.mdms.client.CommandResult;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;

/**
 * Follows an asynchronous command through {@code command.status} until it is executed, failed, or the
 * profile's deadline passes. Nothing blocks: each poll is an asynchronous call, the next one is
 * scheduled when it returns, and cancelling the future stops both.
 */
public final class CommandPoller {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPoller.class);
    /** Status queries that fail for transport or server reasons are retried this many times in a row. */
    private static final int TOLERATED_FAILURES = 3;

    /** Asks the MDMS for the command's status once. */
    @FunctionalInterface
    public interface StatusQuery {
        CompletableFuture<MdmsResponse> query(Map<String, Object> inputs, LatencyProfile profile);
    }

    private final ScheduledExecutorService scheduler;
    private final StatusQuery query;
    private final BindingEntry statusEntry;
    private final LongSupplier nanoTime;

    /** @param nanoTime the monotonic clock the deadline is measured on */
    public CommandPoller(ScheduledExecutorService scheduler, StatusQuery query, BindingEntry statusEntry,
                         LongSupplier nanoTime) {
        this.scheduler = scheduler;
        this.query = query;
        this.statusEntry = statusEntry;
        this.nanoTime = nanoTime;
    }

    public CompletableFuture<CommandResult> follow(String commandId, Map<String, ?> context, LatencyProfile profile,
                                                   Consumer<MdmsResponse> onPoll) {
        Map<String, Object> inputs = new LinkedHashMap<>(context);
        inputs.put("commandId", commandId);
        Follow follow = new Follow(commandId, inputs, profile, onPoll);
        follow.schedule();
        return follow;
    }

    private final class Follow extends CompletableFuture<CommandResult> {
        private final String commandId;
        private final Map<String, Object> inputs;
        private final LatencyProfile profile;
        private final Consumer<MdmsResponse> onPoll;
        private final long started = nanoTime.getAsLong();
        private int polls;
        private int failuresInARow;
        private volatile Future<?> scheduled;
        private volatile CompletableFuture<MdmsResponse> inFlight;

        Follow(String commandId, Map<String, Object> inputs, LatencyProfile profile, Consumer<MdmsResponse> onPoll) {
            this.commandId = commandId;
            this.inputs = inputs;
            this.profile = profile;
            this.onPoll = onPoll;
        }

        private Duration elapsed() {
            return Duration.ofNanos(nanoTime.getAsLong() - started);
        }

        void schedule() {
            if (isDone()) {
                return;
            }
            try {
                scheduled = scheduler.schedule(this::poll, profile.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                finish(CommandEnding.STATUS_QUERY_FAILED, "", Optional.empty(), "the client was closed while following "
                        + commandId);
            }
        }

        private void poll() {
            if (isDone()) {
                return;
            }
            polls++;
            CompletableFuture<MdmsResponse> call;
            try {
                call = query.query(inputs, profile);
            } catch (RuntimeException e) {
                // A binding that needs an input the command's context lacks: say so instead of hanging.
                finish(CommandEnding.STATUS_QUERY_FAILED, "", Optional.empty(), "status query for command " + commandId
                        + " cannot be made: " + e.getMessage());
                return;
            }
            inFlight = call;
            if (isDone()) {
                call.cancel(true); // cancelled while the query was being made
                return;
            }
            call.whenComplete((response, error) -> {
                if (isDone()) {
                    return;
                }
                if (error != null) {
                    finish(CommandEnding.STATUS_QUERY_FAILED, "", Optional.empty(), "status query for " + commandId
                            + " failed: " + error.getMessage());
                    return;
                }
                try {
                    onPoll.accept(response);
                } catch (RuntimeException e) {
                    LOG.warn("A poll listener for command {} failed", commandId, e);
                }
                handle(response);
            });
        }

        private void handle(MdmsResponse response) {
            String status = response.text("status").orElse("");
            CommandState state = statusEntry.commandStates().classify(response.text("status").orElse(null));
            LOG.debug("Command {} poll {}: {} {} ({})", commandId, polls, response.status(), status, state);
            if (response.outcome() == MdmsOutcome.OK || response.outcome() == MdmsOutcome.METER_UNREACHABLE
                    && !status.isEmpty()) {
                failuresInARow = 0;
                switch (state) {
                    case EXECUTED -> finish(CommandEnding.EXECUTED, status, Optional.of(response),
                            "command " + commandId + " executed (" + status + ") after " + polls + " polls");
                    case FAILED -> {
                        boolean unreachable = response.outcome() == MdmsOutcome.METER_UNREACHABLE;
                        finish(unreachable ? CommandEnding.METER_UNREACHABLE : CommandEnding.FAILED, status,
                                Optional.of(response), "command " + commandId + " failed (" + status
                                        + response.text("reasonCode").map(c -> ", " + c).orElse("")
                                        + response.text("reasonMessage").map(m -> ": " + m).orElse("") + ")"
                                        + (unreachable ? ": the meter could not be reached" : ""));
                    }
                    case PENDING -> continueOrGiveUp(status, response);
                    case UNKNOWN -> finish(CommandEnding.UNKNOWN_STATE, status, Optional.of(response), "command "
                            + commandId + " has status '" + status + "', which the binding lists under no state"
                            + " (pending: " + statusEntry.commandStates().pending() + ", executed: "
                            + statusEntry.commandStates().executed() + ", failed: " + statusEntry.commandStates().failed() + ")");
                }
                return;
            }
            if (response.outcome() == MdmsOutcome.METER_UNREACHABLE) {
                finish(CommandEnding.METER_UNREACHABLE, status, Optional.of(response), "status query for command "
                        + commandId + ": " + response.message());
                return;
            }
            if (response.outcome() == MdmsOutcome.REJECTED || response.outcome() == MdmsOutcome.CREDENTIALS_REFUSED) {
                finish(CommandEnding.STATUS_QUERY_FAILED, status, Optional.of(response), "status query for command "
                        + commandId + " refused: " + response.message());
                return;
            }
            failuresInARow++;
            if (failuresInARow >= TOLERATED_FAILURES) {
                finish(CommandEnding.STATUS_QUERY_FAILED, status, Optional.of(response), "status query for command "
                        + commandId + " failed " + failuresInARow + " times in a row, last: " + response.message());
            } else {
                LOG.debug("Command {}: status query failed ({}), trying again", commandId, response.message());
                continueOrGiveUp(status, response);
            }
        }

        private void continueOrGiveUp(String status, MdmsResponse response) {
            if (elapsed().plus(profile.pollInterval()).compareTo(profile.commandDeadline()) > 0) {
                finish(CommandEnding.DEADLINE_PASSED, status, Optional.of(response), "command " + commandId
                        + " still " + (status.isEmpty() ? "without status" : status) + " at the " + profile.name()
                        + " deadline of " + profile.commandDeadline().toSeconds() + " s (" + polls + " polls)");
            } else {
                schedule();
            }
        }

        private void finish(CommandEnding ending, String status, Optional<MdmsResponse> last, String message) {
            CommandResult result = new CommandResult(commandId, ending, status,
                    last.flatMap(r -> r.text("reasonCode")), last.flatMap(r -> r.text("reasonMessage")),
                    polls, elapsed(), last, message);
            LOG.debug("Command {} ended {}: {}", commandId, ending, message);
            complete(result);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Future<?> next = scheduled;
            if (next != null) {
                next.cancel(false);
            }
            CompletableFuture<MdmsResponse> call = inFlight;
            if (call != null) {
                call.cancel(true);
            }
            if (cancelled) {
                LOG.debug("Following command {} cancelled after {} polls", commandId, polls);
            }
            return cancelled;
        }
    }
}
