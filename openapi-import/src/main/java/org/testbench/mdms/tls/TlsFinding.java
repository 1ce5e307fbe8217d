package org.testbench.mdms.tls;

import java.util.Objects;

/**
 * One result of a TLS audit that needs attention: the rule it breaks, how badly, what was found and
 * the passage of the guideline that says so.
 */
public record TlsFinding(String rule, Severity severity, String message, String reference) {

    /** FAIL: the guideline says "shall" or "shall not". WARN: "should", or a tolerated weakness. */
    public enum Severity { FAIL, WARN }

    public TlsFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reference, "reference");
    }

    public boolean isFailure() {
        return severity == Severity.FAIL;
    }

    @Override
    public String toString() {
        return severity + " " + rule + ": " + message + " (" + reference + ")";
    }
}
