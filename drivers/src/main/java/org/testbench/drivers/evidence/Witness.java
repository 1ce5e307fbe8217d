package org.testbench.drivers.evidence;

/** Who testifies about a load switch. The MDMS is the claim under test; these are the independent witnesses. */
public enum Witness {
    /** The meter's own disconnect control, read over its optical port (output_state). */
    METER,
    /** The bench's current measurement through the meter. */
    BENCH
}
