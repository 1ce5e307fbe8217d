package org.testbench.sequences.results;

/** The databases the store's contract is proven on: the embedded default and a lab's shared server. */
enum Backend {
    H2,
    POSTGRESQL
}
