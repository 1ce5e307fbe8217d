package org.testbench.mdms.audit;

import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;
import org.testbench.mdms.catalog.OperationKey;

/**
 * One gap in the document.
 *
 * @param operation the operation concerned; empty for findings about the whole document
 * @param message   names the operation and says what is missing, ready for the vendor
 */
public record AuditFinding(AuditRule rule, Severity severity, Optional<OperationKey> operation,
                           Optional<SourceLocation> location, String message) {

    public AuditFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return severity + " " + rule + (location.map(l -> " @" + l).orElse("")) + ": " + message;
    }
}
