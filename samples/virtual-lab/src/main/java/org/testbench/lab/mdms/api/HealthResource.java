package org.testbench.lab.mdms.api;

import java.time.Clock;
import java.util.List;

import org.testbench.lab.mdms.http.Response;
import org.testbench.lab.mdms.http.Route;

/** {@code getHealth}: needs no token and tells nothing about meters. */
final class HealthResource {

    /** The API version this MDMS implements (mdms-v1.yaml). */
    static final String VERSION = "1.0.0";

    private final Clock clock;

    HealthResource(Clock clock) {
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(Route.open("GET", "/health", "getHealth",
                request -> Response.ok(new Bodies.Health("UP", VERSION, Bodies.time(clock.instant())))));
    }
}
