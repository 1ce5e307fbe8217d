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

    /**
     * Whether, in this control mode (IEC 62056-6-2 class 70, modes 0..6), remote_reconnect only arms the
     * relay: modes 2, 4 and 6 need a manual or local reconnection afterwards. Mode 0 has no remote control.
     */
    public static boolean reconnectOnlyArms(int controlMode) {
        return controlMode == 2 || controlMode == 4 || controlMode == 6;
    }

    /** A description of the control mode for messages. */
    public static String describeMode(int controlMode) {
        return switch (controlMode) {
            case 0 -> "mode 0 (always connected, no remote control)";
            case 1, 3, 5 -> "mode " + controlMode + " (remote reconnection closes the relay)";
            case 2, 4, 6 -> "mode " + controlMode + " (remote reconnection only arms the relay; a local action closes it)";
            default -> "mode " + controlMode + " (not defined by IEC 62056-6-2)";
        };
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
