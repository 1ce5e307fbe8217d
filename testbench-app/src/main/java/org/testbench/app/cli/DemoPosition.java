package org.testbench.app.cli;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.evidence.LoadSwitchEvidence;
import org.testbench.drivers.evidence.LoadSwitchThresholds;
import org.testbench.drivers.evidence.SwitchPosition;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.transport.PortAddress;

/**
 * The demo at one position: read the meter over its optical port, open and close its load switch with
 * the management client, and after each step let both witnesses testify (the meter's output_state and
 * the bench's current). A lost device is an ERROR; witnesses that contradict the command a FAIL.
 */
final class DemoPosition {

    /** One row of the demo table. */
    record Result(int position, String serial, String firmware, String importEnergy, String whenOpen,
                  String whenClosed, String verdict, String problem) {
    }

    private final int position;
    private final String serial;
    private final OpticalChannel channel;
    private final Bench bench;
    private final MeterKeyStore keys;
    private final LoadSwitchThresholds thresholds;

    DemoPosition(int position, String serial, PortAddress optical, Bench bench, MeterKeyStore keys,
                 Quantity nominalCurrent) {
        this.position = position;
        this.serial = serial;
        this.channel = new OpticalChannel(optical);
        this.bench = bench;
        this.keys = keys;
        this.thresholds = LoadSwitchThresholds.forNominalCurrent(nominalCurrent);
    }

    Result run() {
        SessionOptions options = SessionOptions.defaults();
        MeterReadout readout;
        try {
            readout = MeterReadout.read(channel, List.of(), options);
        } catch (IOException e) {
            return new Result(position, serial, "-", "-", "-", "-", "ERROR", e.getMessage());
        }
        String firmware = readout.identity().firmware();
        String energy = String.format(Locale.ROOT, "%.1f Wh", readout.values().get(0).asDouble());
        if (!readout.identity().serial().equals(serial)) {
            return new Result(position, serial, firmware, energy, "-", "-", "FAIL", "the optical port reports serial "
                    + readout.identity().serial() + ", the bench position holds " + serial);
        }
        try (MeterSession session = MeterSession.openManagement(channel, keys, options)) {
            session.remoteDisconnect();
            LoadSwitchEvidence open = new LoadSwitchEvidence(session.readLoadSwitch(), bench.measure(position),
                    thresholds);
            session.remoteReconnect();
            LoadSwitchEvidence closed = new LoadSwitchEvidence(session.readLoadSwitch(), bench.measure(position),
                    thresholds);
            String problem = !open.confirms(SwitchPosition.OPEN) ? open.describeAgainst(SwitchPosition.OPEN)
                    : !closed.confirms(SwitchPosition.CLOSED) ? closed.describeAgainst(SwitchPosition.CLOSED) : null;
            return new Result(position, serial, firmware, energy, testimony(open), testimony(closed),
                    problem == null ? "PASS" : "FAIL", problem);
        } catch (IOException e) {
            return new Result(position, serial, firmware, energy, "-", "-", "ERROR", e.getMessage());
        }
    }

    private static String testimony(LoadSwitchEvidence e) {
        return String.format(Locale.ROOT, "%s / %.3f A", e.meter().outputState() ? "closed" : "open",
                e.bench().current().in(Unit.AMPERE));
    }
}
