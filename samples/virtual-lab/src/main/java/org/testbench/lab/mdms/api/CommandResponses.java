package org.testbench.lab.mdms.api;

import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.store.Command;

/** The 202 every command-creating operation answers. */
final class CommandResponses {

    private CommandResponses() {
    }

    static Response accepted(Command command) {
        return Response.accepted(Bodies.CommandState.of(command), "/commands/" + command.id());
    }
}
