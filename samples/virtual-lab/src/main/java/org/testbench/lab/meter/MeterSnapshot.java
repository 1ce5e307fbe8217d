package org.testbench.lab.meter;

import java.util.List;
import java.util.Objects;

/**
 * A consistent copy of everything a client can read from a meter, taken in one step so that the
 * values answered to one request belong together.
 *
 * @param controlState disconnect control control_state; output_state is true when connected
 * @param importMicroWattHours active energy import in µWh; the type's {@link EnergyRegisters} make the register's
 *        value of it
 * @param exportMicroWattHours active energy export in µWh
 * @param events the standard event log, oldest first
 * @param billingPeriodCounter number of ended billing periods
 * @param lastAcceptedInvocationCounter last invocation counter accepted from the management client
 * @param displayMessage the consumer message on the display, empty when none is shown
 */
public record MeterSnapshot(
        ControlState controlState,
        long importMicroWattHours,
        long exportMicroWattHours,
        List<MeterEvent> events,
        int billingPeriodCounter,
        long lastAcceptedInvocationCounter,
        String displayMessage) {

    public MeterSnapshot {
        Objects.requireNonNull(controlState, "controlState");
        events = List.copyOf(events);
        Objects.requireNonNull(displayMessage, "displayMessage");
    }

    /** Active energy import in 0.1 Wh, the standard register's value (scaler -1). */
    public long importDeciWattHours() {
        return importMicroWattHours / 100_000L;
    }

    /** Disconnect control output_state: true while the relay is closed. */
    public boolean relayClosed() {
        return controlState == ControlState.CONNECTED;
    }
}
