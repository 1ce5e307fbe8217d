package org.testbench.sequences.language;

/**
 * A sequence file that cannot run, with where and what: {@code e2e.yaml:42:7: unknown step 'mesure'
 * (expected: ...)}. Thrown before anything runs.
 */
public final class SequenceException extends Exception {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public SequenceException(String file, int line, int column, String problem) {
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
