package org.testbench.mdms;

/**
 * A line and column in a text file, both counted from 1 as editors show them. {@link #toString()}
 * gives {@code line:column}, the form that follows a file name in messages ({@code api.yaml:42:7}).
 */
public record SourceLocation(int line, int column) {

    public SourceLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column count from 1, got " + line + ":" + column);
        }
    }

    /** Parses {@code 42:7}, the form {@link #toString()} prints. */
    public static SourceLocation parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected line:column, got '" + text + "'");
        }
        try {
            return new SourceLocation(Integer.parseInt(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected line:column, got '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
