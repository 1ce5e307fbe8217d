package org.testbench.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.bench.SourceSettings;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the virtual lab in this process (meters and bench), switches the bench's source on, "
                + "reads every meter over its optical port, then opens and closes each load switch with the "
                + "management client and checks both independent witnesses each time: the relay state the "
                + "meter reports over its optical port and the current the bench measures through it.",
                "Needs no hardware and no configuration. The bench is left safe (source off) at the end."},
        footer = {"", "Exit codes: 0 every position passed, 1 a position failed a check, 2 the lab could not be run."})
final class DemoCommand implements Callable<Integer> {

    /** The demo's test point: 230 V, 5 A, resistive load. */
    static final SourceSettings TEST_POINT = SourceSettings.of(230, 5, 0);

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", paramLabel = "N",
            description = "Number of simulated meters (default: ${DEFAULT-VALUE}).")
    int meters;

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || meters > 200) {
            throw new UserException("--meters must be 1..200, was " + meters);
        }
        PrintWriter out = spec.commandLine().getOut();
        LabSecret password = LabSecret.fromEnvironmentOrGenerate(LabSecret.KEYSTORE_PASSWORD);
        // The lab's temporary directory, keystore included, goes when the lab closes.
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(meters)
                .keystorePassword(password.value()).opticalPty(false).benchPty(false).build());
             Bench bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3))) {
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), password.value());
            out.printf("Virtual lab started: %d meter(s), bench %s. Source on at %s, %s.%n", meters,
                    bench.identity().model(), TEST_POINT.voltage(), TEST_POINT.current());
            out.flush();
            bench.reset();
            bench.configureSource(TEST_POINT);
            bench.setSourceOn(true);
            List<DemoPosition.Result> rows;
            try {
                rows = runAll(lab, bench, keys);
            } finally {
                bench.setSourceOn(false);
            }
            printTable(out, rows);
            long errors = rows.stream().filter(r -> r.verdict().equals("ERROR")).count();
            long failures = rows.stream().filter(r -> r.verdict().equals("FAIL")).count();
            out.printf("%d position(s): %d passed, %d failed, %d error(s)%n", rows.size(),
                    rows.size() - failures - errors, failures, errors);
            return errors > 0 ? ExitCode.ERROR : failures > 0 ? ExitCode.VERIFICATION_FAILED : ExitCode.OK;
        } finally {
            Arrays.fill(password.value(), '\0');
        }
    }

    private static List<DemoPosition.Result> runAll(VirtualLab lab, Bench bench, MeterKeyStore keys)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, lab.meters().size()));
        try {
            List<Future<DemoPosition.Result>> futures = new ArrayList<>();
            for (VirtualMeter meter : lab.meters()) {
                DemoPosition position = new DemoPosition(meter.position(), meter.serial(),
                        PortAddress.parse(meter.opticalEndpoint()), bench, keys, TEST_POINT.current());
                futures.add(pool.submit(position::run));
            }
            List<DemoPosition.Result> rows = new ArrayList<>();
            for (Future<DemoPosition.Result> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("demo worker failed", e.getCause());
                }
            }
            rows.sort(Comparator.comparingInt(DemoPosition.Result::position));
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printTable(PrintWriter out, List<DemoPosition.Result> rows) {
        out.printf("%-4s %-9s %-14s %13s %-22s %-22s %-7s%n", "POS", "SERIAL", "FIRMWARE", "IMPORT",
                "OPEN: METER / BENCH", "CLOSED: METER / BENCH", "VERDICT");
        for (DemoPosition.Result r : rows) {
            out.printf(Locale.ROOT, "%-4d %-9s %-14s %13s %-22s %-22s %-7s%n", r.position(), r.serial(),
                    truncate(r.firmware(), 14), r.importEnergy(), r.whenOpen(), r.whenClosed(), r.verdict());
            if (r.problem() != null) {
                out.printf("     %s%n", r.problem());
            }
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
