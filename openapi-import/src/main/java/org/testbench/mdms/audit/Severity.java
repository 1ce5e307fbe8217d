package org.testbench.mdms.audit;

/** How much a documentation gap costs the lab. */
public enum Severity {
    /** The bench cannot rely on the operation as documented (no error schema, undocumented errors). */
    ERROR,
    /** Work for the engineer, or guesswork at run time (no description, no examples). */
    WARNING,
    /** Worth knowing, not a defect (an operation deliberately open without credentials). */
    INFO
}
