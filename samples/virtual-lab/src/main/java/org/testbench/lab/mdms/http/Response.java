package org.testbench.lab.mdms.http;

import java.util.Map;
import java.util.Optional;

/**
 * What a resource answers.
 *
 * @param status HTTP status
 * @param body serialised as JSON, or sent as it is when a {@link Text}; null for an empty body
 * @param headers extra headers (e.g. Location); a {@code Content-Type} among them replaces {@code application/json}
 * @param commandAccepted true for the 202 of a command, which the generic-200 fault flattens
 */
public record Response(int status, Object body, Map<String, String> headers, boolean commandAccepted) {

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response ok(Object body) {
        return new Response(200, body, Map.of(), false);
    }

    public static Response accepted(Object body, String location) {
        return new Response(202, body, Map.of("Location", location), true);
    }

    /** A status without a body, as some faulty MDMS answer. */
    public static Response empty(int status) {
        return new Response(status, null, Map.of(), false);
    }

    public Optional<Object> bodyIfAny() {
        return Optional.ofNullable(body);
    }

    /** A body sent as it is, not as JSON (an HTML page); the response's headers give its Content-Type. */
    public record Text(String text) {
    }
}
