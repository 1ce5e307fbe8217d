package org.testbench.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import org.testbench.drivers.DeviceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code testbench} command line. */
@Command(name = "testbench",
        mixinStandardHelpOptions = true,
        versionProvider = TestbenchCommand.Version.class,
        description = "End-to-end tests of smart meters together with their AMI and MDMS.",
        subcommands = {LabCommand.class, ReadCommand.class, SwitchCommand.class, BenchCommand.class, RunCommand.class,
                ResultsCommand.class, ImportCommand.class, MdmsCommand.class,
                ReportCommand.class, VerifyCommand.class, PkiCommand.class,
                DemoCommand.class, MeterAttackCommand.class, DiscoverCommand.class,
                GuiCommand.class,
                TlsAuditCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 a verification failed, 2 bad input or unreachable device."})
public final class TestbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "More log output on stderr (-v: info, -vv: debug).",
            scope = CommandLine.ScopeType.INHERIT)
    void setVerbose(boolean[] verbose) {
        Level level = verbose.length >= 2 ? Level.DEBUG : verbose.length == 1 ? Level.INFO : Level.WARN;
        ((Logger) LoggerFactory.getLogger("org.testbench")).setLevel(level);
        // Gurux's own lines come through GuruxLogging at DEBUG: only -vv shows them.
        ((Logger) LoggerFactory.getLogger("gurux")).setLevel(verbose.length >= 2 ? Level.DEBUG : Level.WARN);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; the exit code is returned, not applied. */
    public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        GuruxLogging.neverFinerThanInfo();
        PrintWriter out = new PrintWriter(new TerminalSafeWriter(rawOut), true);
        PrintWriter err = new PrintWriter(new TerminalSafeWriter(rawErr), true);
        CommandLine cli = new CommandLine(new TestbenchCommand());
        // Help in plain text: ANSI styles would be escaped like a peer's, which is the point of the writer.
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(TestbenchCommand::handle);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("testbench: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.ERROR;
        });
        return cli.execute(args);
    }

    /** One place that turns failures into one clear line and an exit code. */
    private static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof DeviceException || e instanceof IllegalArgumentException || e instanceof UserException
                || e instanceof org.testbench.sequences.yaml.InputFileException) {
            err.println("testbench " + cmd.getCommandName() + ": " + e.getMessage());
        } else {
            err.println("testbench " + cmd.getCommandName() + ": unexpected " + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + " (run with -vv for details)");
            LoggerFactory.getLogger(TestbenchCommand.class).debug("unexpected failure", e);
        }
        return ExitCode.ERROR;
    }

    /** The version written into the jar's manifest by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {org.testbench.app.runs.SoftwareVersion.text()};
        }
    }
}
