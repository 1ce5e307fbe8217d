package org.testbench.lab.meter;

/** What a client's association may read. */
public enum ReadScope {
    /** Only its own association object and the management client's invocation counter. */
    ASSOCIATION,
    /** The association, the invocation counter and the nameplate (serial, logical device name, firmware, clock). */
    IDENTITY,
    /** Every attribute but the associations' secrets. */
    ALL
}
