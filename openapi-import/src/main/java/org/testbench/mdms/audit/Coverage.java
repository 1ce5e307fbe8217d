package org.testbench.mdms.audit;

import java.util.Locale;

/**
 * How many operations meet one requirement, out of those it applies to (request examples apply only
 * to operations with a request body). {@code 3/11 (27.3 %)}.
 */
public record Coverage(Figure figure, int count, int total) {

    /** The figures of the audit, in the order the checklist shows them. */
    public enum Figure {
        DESCRIPTION("with a description"),
        OPERATION_ID("with an operationId"),
        REQUEST_EXAMPLES("with request examples (of those with a body)"),
        RESPONSE_EXAMPLES("with examples for every response body"),
        RESPONSE_SCHEMAS("with a schema for every response body"),
        CLIENT_ERRORS("with a 4xx response"),
        SERVER_ERRORS("with a 5xx response"),
        DISTINCT_ERRORS("with 4xx and 5xx documented separately"),
        ERROR_MESSAGE("whose error schemas have a message field (of those documenting errors)"),
        SECURITY("with security declared");

        private final String label;

        Figure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Coverage {
        if (count < 0 || count > total) {
            throw new IllegalArgumentException(figure + ": " + count + " of " + total);
        }
    }

    /** Percentage of the applicable operations; 100 when the requirement applies to none. */
    public double percent() {
        return total == 0 ? 100.0 : 100.0 * count / total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d (%.1f %%) %s", count, total, percent(), figure.label());
    }
}
