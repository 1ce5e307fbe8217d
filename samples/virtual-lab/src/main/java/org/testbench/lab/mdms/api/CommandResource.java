package org.testbench.lab.mdms.api;

import java.util.List;

import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.store.Command;

/** {@code getCommand}. */
final class CommandResource {

    private static final int NOT_FOUND = 404;

    private final CommandService commands;
    private final boolean noStatus;
    private final boolean hideFailures;

    CommandResource(CommandService commands, MdmsSettings settings) {
        this.commands = commands;
        this.noStatus = settings.has(MdmsFault.NO_STATUS);
        this.hideFailures = settings.has(MdmsFault.GENERIC_200);
    }

    List<Route> routes() {
        return List.of(Route.authenticated("GET", "/commands/{commandId}", "getCommand", this::get));
    }

    private Response get(Request request) {
        if (noStatus) {
            // The fault: commands are accepted, their outcome cannot be asked for.
            return Response.empty(NOT_FOUND);
        }
        Command command = commands.find(Parameters.commandId(request));
        return Response.ok(hideFailures ? Bodies.CommandState.withoutFailures(command) : Bodies.CommandState.of(command));
    }
}
