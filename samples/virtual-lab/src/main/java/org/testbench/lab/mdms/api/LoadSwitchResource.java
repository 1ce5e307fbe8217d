package org.testbench.lab.mdms.api;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.service.LoadSwitchReading;
import org.testbench.lab.mdms.service.ReadingService;
import org.testbench.lab.mdms.service.ServiceException;

/** {@code getLoadSwitchStatus} and {@code createLoadSwitchCommand}. */
final class LoadSwitchResource {

    private static final int NOT_IMPLEMENTED = 501;

    private final ReadingService readings;
    private final CommandService commands;
    private final boolean noStatus;

    LoadSwitchResource(ReadingService readings, CommandService commands, MdmsSettings settings) {
        this.readings = readings;
        this.commands = commands;
        this.noStatus = settings.has(MdmsFault.NO_STATUS);
    }

    List<Route> routes() {
        return List.of(
                Route.authenticated("GET", "/meters/{serial}/load-switch", "getLoadSwitchStatus", this::status),
                Route.authenticated("POST", "/meters/{serial}/load-switch/commands", "createLoadSwitchCommand",
                        this::command));
    }

    private Response status(Request request) {
        if (noStatus) {
            // The fault: the state exists somewhere in the MDMS, but nobody can ask for it.
            return Response.empty(NOT_IMPLEMENTED);
        }
        LoadSwitchReading reading = readings.loadSwitch(Parameters.serial(request));
        return Response.ok(new Bodies.LoadSwitchStatus(reading.serial(), reading.closed() ? "CLOSED" : reading.armed() ? "ARMED" : "OPEN",
                reading.fromMeter() ? "METER" : "CACHE", Bodies.time(reading.readAt())));
    }

    private Response command(Request request) {
        String serial = Parameters.serial(request);
        ObjectNode body = request.jsonObject(serial);
        Parameters.onlyKnown(body, Set.of("action"), serial);
        JsonNode action = body.get("action");
        if (action == null || action.isNull()) {
            throw ServiceException.badRequest("action: required, one of OPEN, CLOSE", serial);
        }
        if (!action.isTextual() || !Set.of("OPEN", "CLOSE").contains(action.asText())) {
            throw ServiceException.badRequest("action: must be OPEN or CLOSE, was "
                    + Parameters.printable(action.toString()), serial);
        }
        return CommandResponses.accepted(commands.switchLoad(serial, action.asText().equals("CLOSE")));
    }
}
