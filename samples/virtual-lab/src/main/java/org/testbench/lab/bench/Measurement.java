package org.testbench.lab.bench;

/**
 * What the bench measures at one position: RMS voltage, RMS current, active and apparent power.
 * Active power is negative while energy is exported; apparent power is never below |active|.
 *
 * @param volts RMS voltage in V
 * @param amperes RMS current in A (the load current; the meter's own burden is not in it)
 * @param watts active power in W, the meter's burden included
 * @param voltAmperes apparent power in VA, the meter's burden included
 */
public record Measurement(double volts, double amperes, double watts, double voltAmperes) {

    /** The reply to {@code MEASure:ALL?}: bare SI numbers, {@code 230.041,4.9987,1151.23,1152.91}. */
    String toScpiReply() {
        return ScpiNumbers.fixed(volts, 3) + "," + ScpiNumbers.fixed(amperes, 4) + "," + ScpiNumbers.fixed(watts, 2)
                + "," + ScpiNumbers.fixed(voltAmperes, 2);
    }

    @Override
    public String toString() {
        return ScpiNumbers.fixed(volts, 3) + " V, " + ScpiNumbers.fixed(amperes, 4) + " A, "
                + ScpiNumbers.fixed(watts, 2) + " W, " + ScpiNumbers.fixed(voltAmperes, 2) + " VA";
    }
}
