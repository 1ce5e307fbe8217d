package org.testbench.mdms.binding;

import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.OperationKey;

/**
 * How a binding names an operation: by operationId ({@code getMeter}) or, for documents without ids,
 * by method and path ({@code GET /meters/{serial}}). Prints and parses in the same form.
 */
public final class OperationRef {

    private final String operationId;
    private final OperationKey key;

    private OperationRef(String operationId, OperationKey key) {
        this.operationId = operationId;
        this.key = key;
    }

    public static OperationRef byId(String operationId) {
        if (Objects.requireNonNull(operationId, "operationId").isBlank()) {
            throw new IllegalArgumentException("operationId is blank");
        }
        return new OperationRef(operationId.strip(), null);
    }

    public static OperationRef byKey(OperationKey key) {
        return new OperationRef(null, Objects.requireNonNull(key, "key"));
    }

    /** {@code METHOD /path} is a key; anything else is an operationId. */
    public static OperationRef parse(String text) {
        return OperationKey.looksLikeKey(text) ? byKey(OperationKey.parse(text)) : byId(text);
    }

    /** The reference a binding should use for this operation: its id when it has one. */
    public static OperationRef of(ApiOperation operation) {
        return operation.operationId().map(OperationRef::byId).orElseGet(() -> byKey(operation.key()));
    }

    public Optional<String> operationId() {
        return Optional.ofNullable(operationId);
    }

    public Optional<OperationKey> key() {
        return Optional.ofNullable(key);
    }

    public Optional<ApiOperation> resolve(ApiCatalog catalog) {
        return operationId != null ? catalog.operation(operationId) : catalog.operation(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperationRef other && Objects.equals(operationId, other.operationId)
                && Objects.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operationId, key);
    }

    @Override
    public String toString() {
        return operationId != null ? operationId : key.toString();
    }
}
