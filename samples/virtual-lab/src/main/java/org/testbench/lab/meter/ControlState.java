package org.testbench.lab.meter;

/** Disconnect control attribute 3, control_state, with the values IEC 62056-6-2 gives it. */
public enum ControlState {
    /** The relay is open: no load supplied. */
    DISCONNECTED(0),
    /** The relay is closed: the load is supplied. */
    CONNECTED(1),
    /** The relay is open, but armed: a local action (the meter's button) closes it. */
    READY_FOR_RECONNECTION(2);

    private final int value;

    ControlState(int value) {
        this.value = value;
    }

    /** The enum value on the wire. */
    public int value() {
        return value;
    }
}
