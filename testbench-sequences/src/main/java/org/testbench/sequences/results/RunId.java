package org.testbench.sequences.results;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one run in the results store. Random, so that runs recorded by several benches into one
 * PostgreSQL database never collide. {@link #toString()} is read back by {@link #parse(String)}.
 */
public record RunId(UUID value) {

    public RunId {
        Objects.requireNonNull(value, "value");
    }

    public static RunId random() {
        return new RunId(UUID.randomUUID());
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a UUID
     */
    public static RunId parse(String text) {
        return new RunId(Uuids.parse(text, "run id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
