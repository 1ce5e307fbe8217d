package org.testbench.mdms.internal;

import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * A YAML scalar the YAML 1.1 rules read as a boolean ({@code ON}, {@code off}, {@code Yes}), with the text the
 * author wrote: where the schema says the value is a string, that text is what was meant.
 */
public final class WrittenBooleanNode extends BooleanNode {

    private final String written;

    WrittenBooleanNode(boolean value, String written) {
        super(value);
        this.written = written;
    }

    /** The scalar as it stands in the file. */
    public String written() {
        return written;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrittenBooleanNode other && other.booleanValue() == booleanValue()
                && other.written.equals(written);
    }

    @Override
    public int hashCode() {
        return written.hashCode() * 31 + Boolean.hashCode(booleanValue());
    }
}
