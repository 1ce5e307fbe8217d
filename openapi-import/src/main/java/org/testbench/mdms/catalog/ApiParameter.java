package org.testbench.mdms.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of an operation, after path-level and operation-level parameters were merged.
 *
 * @param hasExample whether the document gives an example value (parameter or schema level)
 */
public record ApiParameter(String name, ParameterLocation location, boolean required, String description,
                           Optional<ApiSchema> schema, boolean hasExample) {

    public ApiParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        description = description == null ? "" : description;
        Objects.requireNonNull(schema, "schema");
    }

    @Override
    public String toString() {
        return location + " parameter '" + name + "'" + (required ? " (required)" : "");
    }
}
