package org.testbench.mdms.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was sent and what came back, as excerpts for the results store and the report. Secrets are
 * already removed: Authorization and similar headers, the bearer token wherever it appears, fields such
 * as {@code token}, {@code password}, {@code ek}, {@code envelope}, values written {@code key=…}, and runs
 * of hex (32 digits and more) or Base64 (22 characters and more) that could be key material.
 *
 * @param tls the negotiated protocol and cipher suite, "" for plain HTTP or when no answer came
 */
public record Evidence(String requestLine, Map<String, String> requestHeaders, String requestBody,
                       String statusLine, Map<String, String> responseHeaders, String responseBody, String tls) {

    public Evidence {
        Objects.requireNonNull(requestLine, "requestLine");
        requestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requestHeaders));
        requestBody = Objects.requireNonNullElse(requestBody, "");
        statusLine = Objects.requireNonNullElse(statusLine, "");
        responseHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(responseHeaders));
        responseBody = Objects.requireNonNullElse(responseBody, "");
        tls = Objects.requireNonNullElse(tls, "");
    }

    /** The exchange as text, the way a person reads it in a report. */
    public String toText() {
        StringBuilder b = new StringBuilder("> ").append(requestLine).append('\n');
        requestHeaders.forEach((k, v) -> b.append("> ").append(k).append(": ").append(v).append('\n'));
        if (!requestBody.isEmpty()) {
            b.append(">\n").append(requestBody).append('\n');
        }
        if (!tls.isEmpty()) {
            b.append("* ").append(tls).append('\n');
        }
        if (!statusLine.isEmpty()) {
            b.append("< ").append(statusLine).append('\n');
            responseHeaders.forEach((k, v) -> b.append("< ").append(k).append(": ").append(v).append('\n'));
            if (!responseBody.isEmpty()) {
                b.append("<\n").append(responseBody).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
