package org.testbench.lab.mdms.api;

import java.util.List;

import org.testbench.lab.mdms.http.Request;
import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;
import org.testbench.lab.mdms.service.CommandService;

/** {@code startNewBillingPeriod}; takes no body (one sent anyway is ignored). */
final class BillingResource {

    private final CommandService commands;

    BillingResource(CommandService commands) {
        this.commands = commands;
    }

    List<Route> routes() {
        return List.of(Route.authenticated("POST", "/meters/{serial}/billing/new-period", "startNewBillingPeriod",
                this::newPeriod));
    }

    private Response newPeriod(Request request) {
        return CommandResponses.accepted(commands.newBillingPeriod(Parameters.serial(request)));
    }
}
