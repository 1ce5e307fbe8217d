package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.StandardObis;
import org.testbench.drivers.keys.MeterKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Opens or closes a meter's load switch through its own DLMS server: management "
                + "association (HLS-GMAC, security suite 0) with the meter's keys from the keystore, "
                + "remote_disconnect (open) or remote_reconnect (close), then reads the state back.",
                "The keystore password is read from TESTBENCH_KEYSTORE_PASSWORD, or asked for on the terminal."},
        footer = {"", "Exit codes: 0 switched and confirmed by the meter, 1 the meter reports another state "
                + "afterwards, 2 bad input, wrong keys or unreachable meter.",
                "", "Example:", "  TESTBENCH_KEYSTORE_PASSWORD=... testbench switch --port tcp:127.0.0.1:4059 "
                + "--keystore lab/meter-keys.p12 open"})
final class SwitchCommand implements Callable<Integer> {

    enum Action { open, close }

    @Spec
    CommandSpec spec;

    @Mixin
    PortOptions port;

    @Option(names = "--keystore", required = true, paramLabel = "FILE",
            description = "PKCS#12 keystore with the meter's keys (aliases <serial>.ek and <serial>.ak).")
    Path keystore;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Parameters(index = "0", paramLabel = "open|close",
            description = "open: disconnect the load (relay open). close: reconnect it (relay closed).")
    Action action;

    @Override
    public Integer call() throws Exception {
        char[] password = KeystorePassword.resolve();
        MeterKeyStore keys;
        try {
            keys = MeterKeyStore.open(keystore, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        MeterChannel channel = port.channel();
        LoadSwitchState before;
        LoadSwitchState after;
        String serial;
        MeterSession session = MeterSession.openManagement(channel, keys, port.sessionOptions());
        try {
            serial = session.read(StandardObis.SERIAL_NUMBER).asText();
            before = session.readLoadSwitch();
            if (action == Action.open) {
                session.remoteDisconnect();
            } else {
                session.remoteReconnect();
            }
            after = session.readLoadSwitch();
        } finally {
            session.close();
        }
        boolean expected = action == Action.close;
        boolean confirmed = after.outputState() == expected;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serial", serial);
            m.put("action", action.name());
            m.put("before", ReadoutJson.loadSwitch(before));
            m.put("after", ReadoutJson.loadSwitch(after));
            m.put("confirmed", confirmed);
            m.put("frames", ReadoutJson.frames(session.frameCount()));
            out.println(Json.write(m));
        } else {
            out.printf("Meter %s: load switch %s -> %s (output_state %s -> %s)%n", serial, before.controlState(),
                    after.controlState(), before.outputState(), after.outputState());
        }
        if (!confirmed) {
            spec.commandLine().getErr().printf("testbench switch: verification failed: meter %s reports output_state=%s "
                    + "after %s, expected %s%n", serial, after.outputState(),
                    action == Action.open ? "remote_disconnect" : "remote_reconnect", expected);
            return ExitCode.VERIFICATION_FAILED;
        }
        return ExitCode.OK;
    }
}
