package org.testbench.mdms.catalog;

/** Whether a JSON Pointer names a place a schema describes. */
public enum PointerCheck {
    /** The schema declares every step of the pointer. */
    DECLARED,
    /** Some step reaches a free-form part of the schema (no properties given): it may or may not be there. */
    UNDETERMINED,
    /** The schema cannot contain it: a step names a property the schema does not have, or goes into a scalar. */
    ABSENT;

    PointerCheck or(PointerCheck other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
