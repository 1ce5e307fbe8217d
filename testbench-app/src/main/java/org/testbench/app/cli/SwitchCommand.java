package org.testbench.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.LoadSwitchState.Relay;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.Obis;
import org.testbench.drivers.dlms.ObjectReading;
import org.testbench.drivers.profile.Clients.ClientJob;
import org.testbench.drivers.profile.MeterObject;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.sequences.engine.OperatorPrompter;
import org.testbench.sequences.language.Action.PromptKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Opens or closes a meter's load switch through its own DLMS server: the management "
                + "association of its profile (by default HLS-GMAC, security suite 0, keys from the keystore), "
                + "remote_disconnect (open) or remote_reconnect (close), then reads the state back.",
                "In the control modes where remote_reconnect only arms the relay the meter waits in "
                + "ready_for_reconnection: on a terminal you are asked to press the meter's button, and the "
                + "state is read again; otherwise the result is 'armed'.",
                "The keystore password is read from TESTBENCH_KEYSTORE_PASSWORD, or asked for on the terminal."},
        footer = {"", "Exit codes: 0 switched (or armed, in a mode where reconnection only arms) and confirmed by "
                + "the meter, 1 the meter reports another state afterwards, 2 bad input, wrong keys or "
                + "unreachable meter.",
                "", "Example:", "  TESTBENCH_KEYSTORE_PASSWORD=... testbench switch --port tcp:127.0.0.1:4059 "
                + "--via ami --keystore lab/meter-keys.p12 open"})
final class SwitchCommand implements Callable<Integer> {

    enum Action { open, close }

    @Spec
    CommandSpec spec;

    @Mixin
    PortOptions port;

    @Mixin
    KeystoreOption keystore;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Parameters(index = "0", paramLabel = "open|close",
            description = "open: disconnect the load (relay open). close: reconnect it (relay closed).")
    Action action;

    @Override
    public Integer call() throws Exception {
        ProfiledMeter meter = port.meter(keystore.open());
        Obis disconnect = meter.profile().objects().require(MeterObject.DISCONNECT_CONTROL, meter.profile().describe());
        LoadSwitchState before;
        LoadSwitchState after;
        String serial;
        MeterSession session = meter.open(ClientJob.MANAGEMENT);
        try {
            serial = serial(meter, session);
            before = session.readLoadSwitch(disconnect);
            if (action == Action.open) {
                session.remoteDisconnect(disconnect);
            } else {
                session.remoteReconnect(disconnect);
            }
            after = session.readLoadSwitch(disconnect);
        } finally {
            session.close();
        }
        PrintWriter out = spec.commandLine().getOut();
        LoadSwitchState armed = null;
        if (action == Action.close && after.relay() == Relay.ARMED && !json && System.console() != null) {
            armed = after;
            after = completeLocally(meter, disconnect, serial, after, out);
        }
        // A meter whose control mode only arms on remote_reconnect answers ready_for_reconnection: that is its
        // answer to the command, completed by the button.
        Relay expected = action == Action.open ? Relay.OPEN
                : after.relay() == Relay.ARMED ? Relay.ARMED : Relay.CLOSED;
        boolean confirmed = after.relay() == expected;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", serial);
            m.put("action", action.name());
            m.put("before", ReadoutJson.loadSwitch(before));
            m.put("after", ReadoutJson.loadSwitch(after));
            m.put("relay", after.relay().name().toLowerCase(java.util.Locale.ROOT));
            m.put("confirmed", confirmed);
            m.put("frames", ReadoutJson.frames(session.frameCount()));
            out.println(Json.write(m));
        } else {
            if (armed != null) {
                out.printf("Meter %s: load switch %s -> %s, then %s after the button (output_state %s)%n", serial,
                        before.controlState(), armed.controlState(), after.controlState(), after.outputState());
            } else {
                out.printf("Meter %s: load switch %s -> %s (output_state %s -> %s)%n", serial, before.controlState(),
                        after.controlState(), before.outputState(), after.outputState());
            }
            if (after.relay() == Relay.ARMED) {
                out.printf("  armed, not closed: control %s; press the meter's button to close the relay%n",
                        LoadSwitchState.describeMode(after.controlMode()));
            }
        }
        if (!confirmed) {
            spec.commandLine().getErr().printf("testbench switch: verification failed: meter %s reports the relay %s "
                    + "(output_state=%s, control_state %s, control %s) after %s, expected %s%n", serial,
                    after.relay().name().toLowerCase(java.util.Locale.ROOT), after.outputState(), after.controlState(),
                    LoadSwitchState.describeMode(after.controlMode()),
                    action == Action.open ? "remote_disconnect" : "remote_reconnect",
                    expected.name().toLowerCase(java.util.Locale.ROOT));
            return ExitCode.VERIFICATION_FAILED;
        }
        return ExitCode.OK;
    }

    private String serial(ProfiledMeter meter, MeterSession session) throws java.io.IOException {
        Optional<Obis> serialObject = meter.profile().objects().find(MeterObject.SERIAL);
        if (serialObject.isPresent()) {
            List<ObjectReading> r = session.readEach(List.of(serialObject.get()));
            if (r.get(0).isRead()) {
                return meter.profile().objects().form(MeterObject.SERIAL).part(r.get(0).value().get().asText());
            }
        }
        return Optional.ofNullable(port.serial).orElse("(serial not readable)");
    }

    /** The operator presses the meter's button; then the reader reads the state again. */
    private LoadSwitchState completeLocally(ProfiledMeter meter, Obis disconnect, String serial, LoadSwitchState armed,
                                            PrintWriter out) throws Exception {
        try {
            new ConsolePrompter(out).ask(1, PromptKind.CONFIRM, "Meter " + serial + " is armed for reconnection ("
                    + LoadSwitchState.describeMode(armed.controlMode()) + "): press its button, then confirm");
        } catch (OperatorPrompter.PromptDeclinedException e) {
            return armed;
        }
        try (MeterSession reader = meter.open(ClientJob.READER)) {
            return reader.readLoadSwitch(disconnect);
        }
    }
}
