package org.testbench.lab.mdms.http;

import java.util.Objects;

/**
 * One operation of the API.
 *
 * @param method HTTP method
 * @param template path template, e.g. {@code /meters/{serial}}
 * @param operationId the spec's operationId, for logs
 * @param tokenRequired false only for operations open to anybody (health)
 * @param handler what answers it
 */
public record Route(String method, String template, String operationId, boolean tokenRequired, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route authenticated(String method, String template, String operationId, Handler handler) {
        return new Route(method, template, operationId, true, handler);
    }

    public static Route open(String method, String template, String operationId, Handler handler) {
        return new Route(method, template, operationId, false, handler);
    }
}
