package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.BenchReading;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.bench.SourceSettings;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.transport.PortAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Talks to the test bench over SCPI (docs/bench-scpi.md): identification, the source, "
                + "measurements per position, and per position the meter's AMI link and supply."},
        subcommands = {BenchCommand.Idn.class, BenchCommand.Source.class, BenchCommand.Measure.class,
                BenchCommand.AmiLink.class, BenchCommand.Supply.class, BenchCommand.TamperCommand.class},
        footer = {"", "Examples:", "  testbench bench --port tcp:127.0.0.1:5025 source on --voltage 230 --current 5",
                "  testbench bench --port tcp:127.0.0.1:5025 measure --position 1 --json",
                "  testbench bench --port /dev/ttyUSB1 ami-link 2 off"})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT", scope = CommandLine.ScopeType.INHERIT,
            description = "The bench: tcp:HOST:PORT or a serial device path (9600 baud 8N1).")
    String port;

    @Option(names = "--timeout", defaultValue = "3", paramLabel = "SECONDS", scope = CommandLine.ScopeType.INHERIT,
            description = "How long to wait for each reply (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT, description = "Print JSON for machines.")
    boolean json;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: idn, source, measure, ami-link, supply or tamper");
    }

    Bench connect() throws IOException {
        if (timeoutSeconds <= 0) {
            throw new UserException("--timeout must be positive, was " + timeoutSeconds);
        }
        return ScpiBench.connect(PortAddress.parse(port), Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    static Map<String, Object> readingJson(BenchReading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", r.position());
        m.put("voltage_V", r.voltage().in(Unit.VOLT));
        m.put("current_A", r.current().in(Unit.AMPERE));
        m.put("activePower_W", r.activePower().in(Unit.WATT));
        m.put("apparentPower_VA", r.apparentPower().in(Unit.VOLT_AMPERE));
        m.put("timestamp", r.timestamp().toString());
        return m;
    }

    enum OnOff { on, off }

    @Command(name = "idn", mixinStandardHelpOptions = true, description = "Identifies the bench and its positions.")
    static final class Idn implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = parent.connect()) {
                if (parent.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("manufacturer", bench.identity().manufacturer());
                    m.put("model", bench.identity().model());
                    m.put("serial", bench.identity().serial());
                    m.put("firmware", bench.identity().firmware());
                    m.put("positions", bench.positions());
                    parent.out().println(Json.write(m));
                } else {
                    parent.out().printf("%s, %d positions%n", bench.identity(), bench.positions());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "source", mixinStandardHelpOptions = true,
            description = "Switches the source on (optionally with new settings) or off.")
    static final class Source implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Parameters(index = "0", paramLabel = "on|off")
        OnOff state;

        @Option(names = "--voltage", paramLabel = "V", description = "Voltage at every position, 0..300 V.")
        Double voltage;

        @Option(names = "--current", paramLabel = "A", description = "Test current, 0..100 A.")
        Double current;

        @Option(names = "--phase", paramLabel = "DEG",
                description = "Phase of current against voltage, -180..180° (0 import, 180 export).")
        Double phase;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = parent.connect()) {
                if (voltage != null || current != null || phase != null) {
                    SourceSettings now = bench.sourceSettings();
                    bench.configureSource(SourceSettings.of(
                            voltage != null ? voltage : now.voltage().in(Unit.VOLT),
                            current != null ? current : now.current().in(Unit.AMPERE),
                            phase != null ? phase : now.phase().in(Unit.DEGREE)));
                }
                bench.setSourceOn(state == OnOff.on);
                SourceSettings s = bench.sourceSettings();
                boolean on = bench.isSourceOn();
                if (parent.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("on", on);
                    m.put("voltage_V", s.voltage().in(Unit.VOLT));
                    m.put("current_A", s.current().in(Unit.AMPERE));
                    m.put("phase_deg", s.phase().in(Unit.DEGREE));
                    parent.out().println(Json.write(m));
                } else {
                    parent.out().printf("source %s: %s, %s, %s%n", on ? "on" : "off", s.voltage(), s.current(),
                            s.phase());
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "measure", mixinStandardHelpOptions = true,
            description = "Measures voltage, current, active and apparent power at a position (all positions "
                    + "without --position).")
    static final class Measure implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--position", paramLabel = "N", description = "The position, from 1.")
        Integer position;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = parent.connect()) {
                List<BenchReading> readings = new ArrayList<>();
                if (position != null) {
                    readings.add(bench.measure(position));
                } else {
                    for (int p = 1; p <= bench.positions(); p++) {
                        readings.add(bench.measure(p));
                    }
                }
                if (parent.json) {
                    parent.out().println(Json.write(position != null ? readingJson(readings.get(0))
                            : readings.stream().map(BenchCommand::readingJson).toList()));
                } else {
                    parent.out().printf("%-4s %12s %12s %14s %14s  %s%n", "POS", "VOLTAGE", "CURRENT", "ACTIVE POWER",
                            "APPARENT", "TIME");
                    for (BenchReading r : readings) {
                        parent.out().printf(Locale.ROOT, "%-4d %10.3f V %10.4f A %12.2f W %11.2f VA  %s%n",
                                r.position(), r.voltage().in(Unit.VOLT), r.current().in(Unit.AMPERE),
                                r.activePower().in(Unit.WATT), r.apparentPower().in(Unit.VOLT_AMPERE), r.timestamp());
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    /** ami-link and supply: one switch per position, set then read back. */
    abstract static class PositionSwitch implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Parameters(index = "0", paramLabel = "N", description = "The position, from 1.")
        int position;

        @Parameters(index = "1", paramLabel = "on|off")
        OnOff state;

        abstract String name();

        abstract void set(Bench bench, int position, boolean on) throws IOException;

        abstract boolean get(Bench bench, int position) throws IOException;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = parent.connect()) {
                set(bench, position, state == OnOff.on);
                boolean now = get(bench, position);
                if (parent.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("position", position);
                    m.put(name(), now);
                    parent.out().println(Json.write(m));
                } else {
                    parent.out().printf("position %d: %s %s%n", position, name(), now ? "on" : "off");
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "ami-link", mixinStandardHelpOptions = true,
            description = "Connects (on) or cuts (off) the AMI link of the meter at a position.")
    static final class AmiLink extends PositionSwitch {
        @Override
        String name() {
            return "amiLink";
        }

        @Override
        void set(Bench bench, int position, boolean on) throws IOException {
            bench.setAmiLink(position, on);
        }

        @Override
        boolean get(Bench bench, int position) throws IOException {
            return bench.isAmiLinkUp(position);
        }
    }

    @Command(name = "supply", mixinStandardHelpOptions = true,
            description = "Switches the supply of the meter at a position on or off (off: the meter goes down).")
    static final class Supply extends PositionSwitch {
        @Override
        String name() {
            return "supply";
        }

        @Override
        void set(Bench bench, int position, boolean on) throws IOException {
            bench.setSupply(position, on);
        }

        @Override
        boolean get(Bench bench, int position) throws IOException {
            return bench.isSupplyOn(position);
        }
    }

    enum TamperKind { cover, magnet }

    @Command(name = "tamper", mixinStandardHelpOptions = true,
            description = {"Provokes a tamper at a position: opens the meter's terminal cover (cover) or holds a "
                    + "magnet to it (magnet). The meter logs the event and pushes it (docs/events.md).",
                    "SCPI: ROUTe:TAMPer (@N),COVER|MAGNET (docs/bench-scpi.md)."})
    static final class TamperCommand implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Parameters(index = "0", paramLabel = "N", description = "The position, from 1.")
        int position;

        @Parameters(index = "1", paramLabel = "cover|magnet")
        TamperKind kind;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = parent.connect()) {
                bench.tamper(position, Bench.Tamper.valueOf(kind.name().toUpperCase(java.util.Locale.ROOT)));
            }
            if (parent.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("position", position);
                m.put("tamper", kind.name());
                parent.out().println(Json.write(m));
            } else {
                parent.out().printf("position %d: tamper %s%n", position, kind);
            }
            return ExitCode.OK;
        }
    }
}
