package org.testbench.lab.meter;

import java.util.List;
import java.util.Objects;

/**
 * A consistent copy of everything a client can read from a meter, taken in one step so that the
 * values answered to one request belong together.
 *
 * @param controlState disconnect control control_state; output_state is true when connected
 * @param importDeciWattHours active energy import in 0.1 Wh, the register's raw value (scaler -1)
 * @param exportDeciWattHours active energy export in 0.1 Wh
 * @param events the standard event log, oldest first
 * @param billingPeriodCounter number of ended billing periods
 * @param lastAcceptedInvocationCounter last invocation counter accepted from the management client
 * @param displayMessage the consumer message on the display, empty when none is shown
 */
public record MeterSnapshot(
        ControlState controlState,
        long importDeciWattHours,
        long exportDeciWattHours,
        List<MeterEvent> events,
        int billingPeriodCounter,
        long lastAcceptedInvocationCounter,
        String displayMessage) {

    public MeterSnapshot {
        Objects.requireNonNull(controlState, "controlState");
        events = List.copyOf(events);
        Objects.requireNonNull(displayMessage, "displayMessage");
    }

    /** Disconnect control output_state: true while the relay is closed. */
    public boolean relayClosed() {
        return controlState == ControlState.CONNECTED;
    }
}
