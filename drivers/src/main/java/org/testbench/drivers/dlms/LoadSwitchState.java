package org.testbench.drivers.dlms;

/**
 * The disconnect control object (class 70) as the meter reports it: whether the relay conducts
 * ({@code output_state}), its control state, and the control mode.
 */
public record LoadSwitchState(boolean outputState, ControlState controlState, int controlMode) {

    /**
     * Where the relay is as a technician says it: open, closed, or armed — remotely released for
     * reconnection (ready_for_reconnection) but still open until a local action (the meter's button).
     */
    public enum Relay { OPEN, ARMED, CLOSED }

    public Relay relay() {
        if (outputState) {
            return Relay.CLOSED;
        }
        return controlState == ControlState.READY_FOR_RECONNECTION ? Relay.ARMED : Relay.OPEN;
    }

    /** A description of the control mode for messages. */
    public static String describeMode(int controlMode) {
        // Which modes arm and which close is the meter's to say: the bench reads control_state back rather
        // than trusting a table.
        return controlMode == 0 ? "mode 0 (always connected, no remote control)"
                : controlMode >= 1 && controlMode <= 6 ? "mode " + controlMode
                : "mode " + controlMode + " (not defined by IEC 62056-6-2)";
    }

    /** control_state of IEC 62056-6-2 class 70. */
    public enum ControlState {
        DISCONNECTED,
        CONNECTED,
        READY_FOR_RECONNECTION;

        static ControlState of(int value) {
            ControlState[] all = values();
            if (value < 0 || value >= all.length) {
                throw new IllegalArgumentException("control_state " + value + " is not 0..2");
            }
            return all[value];
        }
    }
}
