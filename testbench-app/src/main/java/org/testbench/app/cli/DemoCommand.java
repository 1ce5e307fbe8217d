package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testbench.drivers.dlms.LoadSwitchState;
import org.testbench.drivers.dlms.MeterReadout;
import org.testbench.drivers.dlms.MeterSession;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the virtual lab in this process, reads every meter over its optical port "
                + "(IEC 62056-21 sign-on, DLMS public client), opens and closes each load switch with the "
                + "management client, checks both against the simulated relay, and prints a table.",
                "Needs no hardware and no configuration."},
        footer = {"", "Exit codes: 0 every position passed, 1 a position failed a check, 2 the lab could not be run."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", paramLabel = "N",
            description = "Number of simulated meters (default: ${DEFAULT-VALUE}).")
    int meters;

    /** The outcome of one position; {@code problem} is null when every check passed. */
    private record Row(VirtualMeter meter, MeterReadout readout, String switchResult, String problem, boolean error) {
    }

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || meters > 200) {
            throw new UserException("--meters must be 1..200, was " + meters);
        }
        PrintWriter out = spec.commandLine().getOut();
        LabPassword password = LabPassword.fromEnvironmentOrGenerate();
        // The lab's temporary directory, keystore included, goes when the lab closes.
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(meters)
                .keystorePassword(password.value()).opticalPty(false).build())) {
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), password.value());
            out.printf("Virtual lab started: %d meter(s). Reading over the optical ports...%n", meters);
            out.flush();
            List<Row> rows = runAll(lab, keys);
            printTable(out, rows);
            long errors = rows.stream().filter(Row::error).count();
            long failures = rows.stream().filter(r -> r.problem() != null && !r.error()).count();
            out.printf("%d position(s): %d passed, %d failed, %d error(s)%n", rows.size(),
                    rows.size() - failures - errors, failures, errors);
            return errors > 0 ? ExitCode.ERROR : failures > 0 ? ExitCode.VERIFICATION_FAILED : ExitCode.OK;
        } finally {
            Arrays.fill(password.value(), '\0');
        }
    }

    private List<Row> runAll(VirtualLab lab, MeterKeyStore keys) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, lab.meters().size()));
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (VirtualMeter meter : lab.meters()) {
                futures.add(pool.submit(() -> runOne(meter, keys)));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("demo worker failed", e.getCause());
                }
            }
            rows.sort(Comparator.comparingInt(r -> r.meter().position()));
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private Row runOne(VirtualMeter meter, MeterKeyStore keys) {
        OpticalChannel channel = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
        SessionOptions options = SessionOptions.defaults();
        MeterReadout readout;
        try {
            readout = MeterReadout.read(channel, List.of(), options);
        } catch (IOException e) {
            return new Row(meter, null, "-", e.getMessage(), true);
        }
        if (!readout.identity().serial().equals(meter.serial())) {
            return new Row(meter, readout, "-", "optical port reports serial " + readout.identity().serial()
                    + ", lab mounted " + meter.serial(), false);
        }
        try (MeterSession session = MeterSession.openManagement(channel, keys, options)) {
            session.remoteDisconnect();
            String open = check("open", session.readLoadSwitch(), meter, false);
            session.remoteReconnect();
            String close = check("close", session.readLoadSwitch(), meter, true);
            String problem = open != null ? open : close;
            return new Row(meter, readout, problem == null ? "open ok, close ok" : "FAILED", problem, false);
        } catch (IOException e) {
            return new Row(meter, readout, "ERROR", e.getMessage(), true);
        }
    }

    /** Both witnesses must agree with the command: the meter's output_state and the simulated relay. */
    private static String check(String action, LoadSwitchState reported, VirtualMeter meter, boolean expectClosed) {
        if (reported.outputState() != expectClosed) {
            return action + ": meter reports output_state=" + reported.outputState();
        }
        if (meter.relayClosed() != expectClosed) {
            return action + ": meter reports output_state=" + reported.outputState() + " but its relay is "
                    + (meter.relayClosed() ? "closed" : "open");
        }
        return null;
    }

    private static void printTable(PrintWriter out, List<Row> rows) {
        out.printf("%-4s %-10s %-16s %14s %14s %-13s %-18s %-8s%n", "POS", "SERIAL", "FIRMWARE", "IMPORT",
                "EXPORT", "LOAD SWITCH", "SWITCH TEST", "VERDICT");
        for (Row r : rows) {
            MeterReadout ro = r.readout();
            String verdict = r.error() ? "ERROR" : r.problem() == null ? "PASS" : "FAIL";
            out.printf("%-4d %-10s %-16s %14s %14s %-13s %-18s %-8s%n", r.meter().position(),
                    ro == null ? r.meter().serial() : ro.identity().serial(),
                    ro == null ? "-" : truncate(ro.identity().firmware(), 16),
                    ro == null ? "-" : Tables.value(ro.values().get(0)),
                    ro == null ? "-" : Tables.value(ro.values().get(1)),
                    ro == null ? "-" : ro.loadSwitch().map(s -> s.controlState().name()).orElse("-"),
                    r.switchResult(), verdict);
            if (r.problem() != null) {
                out.printf("     %s%n", r.problem());
            }
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
