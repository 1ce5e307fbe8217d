package org.testbench.drivers.dlms;

/**
 * The disconnect control object (class 70) as the meter reports it: whether the relay conducts
 * ({@code output_state}), its control state, and the control mode.
 */
public record LoadSwitchState(boolean outputState, ControlState controlState, int controlMode) {

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
