package org.testbench.mdms.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.testbench.mdms.catalog.OperationKey;

/**
 * What happened to one endpoint between two versions.
 *
 * @param operationId the operation's id (in the new version when it still exists)
 * @param details     the individual changes, breaking ones first; empty for added and removed endpoints
 */
public record EndpointChange(Kind kind, OperationKey key, Optional<String> operationId, Compatibility compatibility,
                             List<ChangeDetail> details) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    public EndpointChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(compatibility, "compatibility");
        details = details.stream().sorted((a, b) -> a.compatibility().compareTo(b.compatibility())).toList();
    }

    public boolean isBreaking() {
        return compatibility == Compatibility.BREAKING;
    }

    private String name() {
        return key + operationId.map(id -> " (" + id + ")").orElse("");
    }

    /** The change for a person: {@code BREAKING: GET /commands/{commandId} (getCommand) was removed}. */
    public String sentence() {
        String what = switch (kind) {
            case ADDED -> "new endpoint " + name();
            case REMOVED -> name() + " was removed";
            case CHANGED -> name() + " changed: " + details.stream().map(ChangeDetail::sentence)
                    .collect(Collectors.joining("; "));
        };
        if (kind != Kind.CHANGED && !details.isEmpty()) {
            what += " (" + details.stream().map(ChangeDetail::sentence).collect(Collectors.joining("; ")) + ")";
        }
        return compatibility + ": " + what;
    }

    @Override
    public String toString() {
        return sentence();
    }
}
