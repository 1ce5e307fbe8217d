package org.testbench.sequences.yaml;

/** Where something is in a sequence file (1-based), for messages at run time as well as at load time. */
public record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
