package org.testbench.lab.mdms.api;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.service.ServiceException;

/** {@code setDisplayMessage}: show a message, or clear the display with {@code visible} = false. */
final class DisplayResource {

    /** Printable ASCII, 1 to 64 characters: what the meters' displays can show. */
    private static final Pattern MESSAGE = Pattern.compile("[\\x20-\\x7E]{1,64}");

    private final CommandService commands;

    DisplayResource(CommandService commands) {
        this.commands = commands;
    }

    List<Route> routes() {
        return List.of(Route.authenticated("POST", "/meters/{serial}/display", "setDisplayMessage", this::display));
    }

    private Response display(Request request) {
        String serial = Parameters.serial(request);
        ObjectNode body = request.jsonObject(serial);
        Parameters.onlyKnown(body, Set.of("message", "visible"), serial);
        JsonNode visible = body.get("visible");
        if (visible == null || !visible.isBoolean()) {
            throw ServiceException.badRequest("visible: required, true or false", serial);
        }
        String message = "";
        if (visible.asBoolean()) {
            JsonNode text = body.get("message");
            if (text == null || !text.isTextual() || !MESSAGE.matcher(text.asText()).matches()) {
                throw ServiceException.badRequest(
                        "message: required when visible is true, 1 to 64 printable ASCII characters", serial);
            }
            message = text.asText();
        }
        return CommandResponses.accepted(commands.display(serial, message));
    }
}
