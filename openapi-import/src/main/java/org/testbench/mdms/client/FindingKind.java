package org.testbench.mdms.client;

/** Quality problems of an answer, independent of its outcome: what the lab reports back to the vendor. */
public enum FindingKind {
    /** An error answer without a usable message: the cause cannot be told from the answer. */
    UNCLEAR_ERROR,
    /** 5xx whose body blames the request, or 4xx whose body reports a server fault. */
    WRONG_STATUS_CLASS,
    /** A 2xx whose body says something went wrong. */
    ERROR_IN_SUCCESS,
    /** A status code the operation does not document. */
    UNDOCUMENTED_STATUS,
    /** The body does not match the documented schema. */
    SCHEMA_VIOLATION,
    /** The body is not JSON (HTML, plain text, invalid or truncated JSON). */
    NOT_JSON,
    /** A value the binding points to is not in the answer. */
    MISSING_VALUE,
    /** A value in a word the binding's map does not have (format 2): the bench does not guess what it means. */
    UNMAPPED_VALUE,
    /**
     * More than one element of a list matches what the binding's {@code where} looks for (format 2): the bench
     * does not pick one, the value is missing.
     */
    AMBIGUOUS_VALUE
}
