package org.testbench.sequences.results;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one recorded step. Given out by {@link ResultStore#startStep}; measurements, evidence and
 * findings refer to it. {@link #toString()} is read back by {@link #parse(String)}.
 */
public record StepId(UUID value) {

    public StepId {
        Objects.requireNonNull(value, "value");
    }

    public static StepId random() {
        return new StepId(UUID.randomUUID());
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a UUID
     */
    public static StepId parse(String text) {
        return new StepId(Uuids.parse(text, "step id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
