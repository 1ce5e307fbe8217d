package org.testbench.lab.mdms.http;

import java.util.List;
import java.util.Objects;

/**
 * One API dialect as the HTTP server serves it: its operations, how it checks credentials and how it writes
 * errors.
 *
 * @param routes every operation, with paths as the server sees them (the dialect's base path included)
 */
public record FrontEnd(List<Route> routes, Authenticator authenticator, ErrorFormat errors) {

    public FrontEnd {
        routes = List.copyOf(routes);
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(errors, "errors");
    }
}
