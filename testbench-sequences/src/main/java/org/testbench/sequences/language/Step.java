package org.testbench.sequences.language;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.testbench.sequences.yaml.Location;

/**
 * One step of a sequence: an action, the checks its result must pass, and how to behave when it
 * does not (timeout, retries, on_fail). Results are referenced by later steps as {@code ${id.field}}.
 */
public record Step(String id, String name, Action action, List<Check> expect, Duration timeout, int retries,
                   Duration retryDelay, OnFail onFail, Location location) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        expect = List.copyOf(expect);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onFail, "onFail");
        Objects.requireNonNull(location, "location");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** The name for people: the given name, else the id. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }
}
