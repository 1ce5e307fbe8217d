package org.testbench.mdms.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of following a command.
 *
 * @param status       the last status value the MDMS gave ({@code EXECUTED}, {@code FAILED}, …), "" if none
 * @param reasonCode   the failure reason's code, when the binding points to it and the MDMS gave one
 * @param polls        status queries made
 * @param elapsed      from the start of following until the end
 * @param lastResponse the last status answer (with its evidence), if any came
 */
public record CommandResult(String commandId, CommandEnding ending, String status, Optional<String> reasonCode,
                            Optional<String> reasonMessage, int polls, Duration elapsed,
                            Optional<MdmsResponse> lastResponse, String message) {

    public CommandResult {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reasonMessage, "reasonMessage");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(lastResponse, "lastResponse");
        Objects.requireNonNull(message, "message");
    }

    public boolean executed() {
        return ending == CommandEnding.EXECUTED;
    }

    @Override
    public String toString() {
        return message;
    }
}
