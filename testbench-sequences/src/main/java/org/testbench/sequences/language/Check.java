package org.testbench.sequences.language;

import java.util.Objects;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.yaml.Location;

/**
 * A value held against a limit. When it does not hold, the step fails with a finding of the given
 * type and message (a template: it may name the values involved).
 */
public record Check(Template value, Limit limit, FindingType finding, Template message, Location location) {

    public Check {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(location, "location");
    }
}
