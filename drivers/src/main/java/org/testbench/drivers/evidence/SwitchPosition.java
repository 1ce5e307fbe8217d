package org.testbench.drivers.evidence;

/** What a witness says the load switch is; UNDETERMINED when it cannot tell (no voltage, current in between). */
public enum SwitchPosition {
    OPEN,
    CLOSED,
    UNDETERMINED
}
