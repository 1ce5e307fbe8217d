package org.testbench.lab.bench;

/**
 * The SCPI error codes of the bench's command set, with their standard messages. A queue entry
 * adds what exactly was wrong (see {@link ScpiError}).
 */
enum ScpiErrorCode {

    /** A line the bench cannot parse. */
    COMMAND_ERROR(-100, "Command error"),
    /** A command without a parameter it needs. */
    MISSING_PARAMETER(-109, "Missing parameter"),
    /** A well-formed header the bench does not know. */
    UNDEFINED_HEADER(-113, "Undefined header"),
    /** A value with the wrong unit. */
    INVALID_SUFFIX(-131, "Invalid suffix"),
    /** The bench could not carry out a valid command. */
    EXECUTION_ERROR(-200, "Execution error"),
    /** A value or a position outside its range. */
    DATA_OUT_OF_RANGE(-222, "Data out of range"),
    /** Replaces the newest entry of a full error queue. */
    QUEUE_OVERFLOW(-350, "Queue overflow");

    private final int code;
    private final String message;

    ScpiErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }
}
