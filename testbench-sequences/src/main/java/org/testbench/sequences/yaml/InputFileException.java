package org.testbench.sequences.yaml;

/**
 * A sequence or configuration file that cannot be used, with where and what:
 * {@code e2e.yaml:42:7: unknown step 'mesure' (expected: ...)}. Thrown before anything runs.
 */
public final class InputFileException extends Exception {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public InputFileException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based. */
    public int column() {
        return column;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
