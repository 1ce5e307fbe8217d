package org.testbench.lab.bench;

import java.util.List;

/**
 * The bench's own SCPI commands (docs/bench-scpi.md), each bound to the hardware. The common
 * commands every instrument has ({@code *CLS}, {@code *OPC?}, {@code SYSTem:ERRor?}) come from
 * {@link ScpiInstrument}.
 */
final class BenchCommands {

    /** Settings are echoed with three decimals: {@code 230.000}. */
    private static final int SETTING_DECIMALS = 3;

    private BenchCommands() {
    }

    static List<ScpiCommand> of(BenchHardware bench, BenchIdentity identity) {
        int positions = bench.positionCount();
        return List.of(
                ScpiCommand.query("*IDN", parameters -> {
                    parameters.requireAtMost(0);
                    return identity.toReply();
                }),
                ScpiCommand.setting("*RST", parameters -> {
                    parameters.requireAtMost(0);
                    bench.reset();
                }),
                ScpiCommand.query("SYSTem:POSitions", parameters -> {
                    parameters.requireAtMost(0);
                    return Integer.toString(positions);
                }),

                ScpiCommand.setting("SOURce:VOLTage", parameters -> {
                    parameters.requireAtMost(1);
                    bench.setVolts(parameters.number(0, SourceSettings.VOLTAGE));
                }),
                ScpiCommand.query("SOURce:VOLTage", parameters -> {
                    parameters.requireAtMost(0);
                    return ScpiNumbers.fixed(bench.source().volts(), SETTING_DECIMALS);
                }),
                ScpiCommand.setting("SOURce:CURRent", parameters -> {
                    parameters.requireAtMost(1);
                    bench.setAmperes(parameters.number(0, SourceSettings.CURRENT));
                }),
                ScpiCommand.query("SOURce:CURRent", parameters -> {
                    parameters.requireAtMost(0);
                    return ScpiNumbers.fixed(bench.source().amperes(), SETTING_DECIMALS);
                }),
                ScpiCommand.setting("SOURce:PHASe", parameters -> {
                    parameters.requireAtMost(1);
                    bench.setPhaseDegrees(parameters.number(0, SourceSettings.PHASE));
                }),
                ScpiCommand.query("SOURce:PHASe", parameters -> {
                    parameters.requireAtMost(0);
                    return ScpiNumbers.fixed(bench.source().phaseDegrees(), SETTING_DECIMALS);
                }),
                ScpiCommand.setting("OUTPut", parameters -> {
                    parameters.requireAtMost(1);
                    bench.setOutput(parameters.onOff(0));
                }),
                ScpiCommand.query("OUTPut", parameters -> {
                    parameters.requireAtMost(0);
                    return ScpiNumbers.flag(bench.source().outputOn());
                }),

                ScpiCommand.query("MEASure:ALL", parameters -> {
                    parameters.requireAtMost(1);
                    return bench.measure(parameters.position(0, positions)).toScpiReply();
                }),

                ScpiCommand.setting("ROUTe:AMI", parameters -> {
                    parameters.requireAtMost(2);
                    int position = parameters.position(0, positions);
                    bench.setAmiLinkUp(position, parameters.onOff(1));
                }),
                ScpiCommand.query("ROUTe:AMI", parameters -> {
                    parameters.requireAtMost(1);
                    return ScpiNumbers.flag(bench.amiLinkUp(parameters.position(0, positions)));
                }),
                ScpiCommand.setting("ROUTe:SUPPly", parameters -> {
                    parameters.requireAtMost(2);
                    int position = parameters.position(0, positions);
                    bench.setSupplyOn(position, parameters.onOff(1));
                }),
                ScpiCommand.query("ROUTe:SUPPly", parameters -> {
                    parameters.requireAtMost(1);
                    return ScpiNumbers.flag(bench.supplyOn(parameters.position(0, positions)));
                }),
                // A tamper is an act, not a state: the meter logs it (if powered) and pushes it.
                ScpiCommand.setting("ROUTe:TAMPer", parameters -> {
                    parameters.requireAtMost(2);
                    int position = parameters.position(0, positions);
                    bench.tamper(position, parameters.tamper(1));
                }),
                // The meter's push button: completes a reconnection that remote_reconnect only armed.
                ScpiCommand.setting("ROUTe:BUTTon", parameters -> {
                    parameters.requireAtMost(1);
                    bench.pressButton(parameters.position(0, positions));
                }));
    }
}
