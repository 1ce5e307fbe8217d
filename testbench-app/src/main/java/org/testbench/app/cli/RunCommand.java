package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testbench.app.runs.ConfiguredBench;
import org.testbench.app.runs.LabSecretFile;
import org.testbench.app.runs.RecordedRun;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.mdms.client.auth.SecretLookup;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.config.BenchConfigurationReader;
import org.testbench.sequences.config.PositionSelection;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunHandle;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.mdms.MdmsConnection;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.SecretFilter;
import org.testbench.sequences.yaml.InputFileException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a sequence on many bench positions in parallel, with live progress per position and "
                + "a summary table. The sequence is checked completely before anything runs.",
                "Ctrl+C aborts: every position stops at its running step and its cleanup still runs."},
        footer = {"", "Exit codes: 0 every position passed, 1 a position failed (the system under test misbehaved), "
                + "2 an error (bench, configuration, unreachable instrument), an abort, or bad input.",
                "", "Examples:", "  testbench run samples/sequences/e2e-load-switch.yaml --lab lab.json --positions 1-20",
                "  testbench run my-test.yaml --config bench.yaml --json"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEQUENCE", description = "The sequence file (YAML).")
    Path sequenceFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Setup setup;

    static final class Setup {
        @Option(names = "--lab", paramLabel = "ENDPOINTS.json", description = "The virtual lab's endpoints file "
                + "(testbench lab --endpoints).")
        Path lab;

        @Option(names = "--config", paramLabel = "bench.yaml", description = "The bench configuration of a real lab.")
        Path config;
    }

    @Option(names = "--positions", paramLabel = "LIST", defaultValue = "all",
            description = "Positions to run, e.g. 1-20 or 1,3,5 (default: all configured).")
    String positions;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Overrides a parameter of the sequence.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the result as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Mixin
    DatabaseOption database;

    @Option(names = "--identity", paramLabel = "FILE.p12",
            description = "The bench's identity (PKCS#12, EC P-256; password from TESTBENCH_TLS_PASSWORD or a prompt): "
                    + "receives the meters' keys from the MDMS (mdms.keys.get) and is the client certificate for "
                    + "https. Replaces mdms.identity of the configuration.")
    Path identity;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who runs the test (default: the login name).")
    String operator = System.getProperty("user.name", "unknown");

    /**
     * Where the MDMS connection's secrets come from: their environment variables; else, for a lab, the lab's
     * owner-only secret file that the endpoints file names ({@code mdms.auth.secretFile}) — the lab's one secret,
     * whatever its MDMS's scheme — so that any terminal of the lab's user reaches it; the TLS identity's password
     * from its variable or a prompt.
     */
    private SecretLookup mdmsSecrets() {
        SecretLookup lookup = SecretLookup.ENVIRONMENT;
        if (setup.lab != null) {
            lookup = lookup.orElse(variable -> variable.equals(MdmsConnection.TLS_PASSWORD_VARIABLE) ? Optional.empty()
                    : labSecret());
        }
        return lookup.orElse(variable -> variable.equals(MdmsConnection.TLS_PASSWORD_VARIABLE)
                ? Optional.of(new String(KeystorePassword.tls())) : Optional.empty());
    }

    private Optional<String> labSecret() {
        try {
            com.fasterxml.jackson.databind.JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(setup.lab.toFile()).path("mdms").path("auth").path("secretFile");
            return file.isTextual() ? Optional.of(LabSecretFile.read(Path.of(file.asText()))) : Optional.empty();
        } catch (IOException e) {
            throw new UserException(setup.lab + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        Sequence sequence = readSequence();
        BenchConfiguration configuration = readConfiguration();
        List<PositionSetup> setups = ConfiguredBench.positions(configuration.select(PositionSelection.parse(positions)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
        MdmsConnection connection = ConfiguredBench.mdmsConnection(sequence, configuration, mdmsSecrets());
        try (ClientMdmsGateway mdms = connect(connection);
             ResultStore store = database.open(spec.commandLine().getErr());
             Bench bench = ConfiguredBench.connectBench(configuration);
             EventWatch events = ConfiguredBench.connectEvents(sequence, configuration)) {
            Instruments instruments = new Instruments(Optional.ofNullable(bench),
                    ConfiguredBench.keys(sequence, configuration, KeystorePassword::resolve),
                    Optional.ofNullable(mdms), new ConsolePrompter(progressOut), SessionOptions.defaults(),
                    Optional.ofNullable(events));
            if (connection != null) {
                connection.secretsLookedUp().stream().filter(t -> t.length() >= 8).forEach(t -> store.addSecrets(
                        SecretFilter.of(t.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            Thread[] abortOnInterrupt = new Thread[1];
            RecordedRun run;
            try {
                run = RecordedRun.execute(sequence, parameters, setups, instruments, store,
                        runStart(sequence, configuration, setups, mdms), new ConsoleProgress(progressOut), handle -> {
                            abortOnInterrupt[0] = new Thread(() -> abortAndWait(handle, progressOut),
                                    "testbench-run-abort");
                            Runtime.getRuntime().addShutdownHook(abortOnInterrupt[0]);
                        });
            } finally {
                if (abortOnInterrupt[0] != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(abortOnInterrupt[0]);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running
                    }
                }
            }
            RunResult result = run.result();
            if (json) {
                out.println(Json.write(resultJson(run.runId().toString(), result)));
            } else {
                printSummary(out, sequence, result);
                out.printf("Recorded as run %s in %s%n", run.runId(), database.display());
            }
            if (run.storeLost().isPresent()) {
                spec.commandLine().getErr().printf("testbench run: stopped safely (every position's cleanup ran):"
                        + " %s%n", run.storeLost().get());
                return ExitCode.ERROR;
            }
            if (run.failedWrites() > 0) {
                spec.commandLine().getErr().printf("testbench run: %d result(s) could not be recorded (see the log)%n",
                        run.failedWrites());
                return ExitCode.ERROR;
            }
            return exitCode(result.verdict());
        }
    }

    /**
     * The MDMS gateway; what keeps it from being built (a file, a scheme, the identity or its password) is one line
     * and exit code 2 before anything runs.
     */
    private static ClientMdmsGateway connect(MdmsConnection connection) {
        if (connection == null) {
            return null;
        }
        try {
            return connection.gateway();
        } catch (IOException e) {
            throw new UserException("mdms: " + ImportCommand.oneLine(e.getMessage()));
        }
    }

    /** Ctrl+C: every position stops at its running step, and its cleanup runs before the JVM ends. */
    private static void abortAndWait(RunHandle handle, PrintWriter out) {
        if (!handle.isDone()) {
            out.println("Aborting: cleanup runs on every position...");
            out.flush();
            handle.abort();
            try {
                handle.await(Duration.ofMinutes(5));
            } catch (Exception e) {
                // the JVM is going down; nothing more to do
            }
        }
    }

    static int exitCode(Verdict verdict) {
        return switch (verdict) {
            case PASS -> ExitCode.OK;
            case FAIL -> ExitCode.VERIFICATION_FAILED;
            default -> ExitCode.ERROR;
        };
    }

    private RunStart runStart(Sequence sequence, BenchConfiguration configuration, List<PositionSetup> setups,
                              ClientMdmsGateway mdms) throws IOException {
        BenchConfiguration.MdmsConfig m = configuration.mdms().orElse(null);
        return RecordedRun.start(sequence, operator, configuration.station(), configuration.source(), setups, mdms,
                m == null ? null : m.spec(), m == null ? null : m.binding());
    }

    private Sequence readSequence() throws IOException {
        try {
            return SequenceParser.parse(sequenceFile);
        } catch (InputFileException e) {
            throw new UserException(e.getMessage());
        }
    }

    private BenchConfiguration readConfiguration() throws IOException {
        try {
            if (identity != null && !Files.isRegularFile(identity)) {
                throw new UserException("--identity " + identity + ": no such file");
            }
            BenchConfiguration read = setup.lab != null ? BenchConfigurationReader.readLabEndpoints(setup.lab)
                    : BenchConfigurationReader.readBenchYaml(setup.config);
            return withIdentity(read, identity);
        } catch (InputFileException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** {@code --identity} replaces the MDMS's identity, and only that. */
    static BenchConfiguration withIdentity(BenchConfiguration read, Path identity) {
        return identity == null ? read : read.withMdms(read.mdms().map(m -> ConfiguredBench.withIdentity(m, identity)));
    }

    static Map<String, Object> resultJson(String runId, RunResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runId", runId);
        root.put("verdict", result.verdict().name());
        List<Map<String, Object>> positions = new ArrayList<>();
        for (RunResult.PositionResult p : result.positions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", p.position());
            m.put("serial", p.serial());
            m.put("verdict", p.verdict().name());
            m.put("message", p.message());
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Finding f : p.findings()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("type", f.type().name());
                fm.put("message", f.message());
                findings.add(fm);
            }
            m.put("findings", findings);
            positions.add(m);
        }
        root.put("positions", positions);
        return root;
    }

    private static void printSummary(PrintWriter out, Sequence sequence, RunResult result) {
        out.println();
        out.printf("%s: %s%n", sequence.name(), result.verdict());
        out.printf("%-4s %-10s %-8s %s%n", "POS", "SERIAL", "VERDICT", "FINDINGS / MESSAGE");
        for (RunResult.PositionResult p : result.positions()) {
            String detail = p.findings().isEmpty() ? (p.message() == null ? "" : p.message())
                    : p.findings().size() + ": " + p.findings().get(0).type() + " " + p.findings().get(0).message();
            out.printf("%-4d %-10s %-8s %s%n", p.position(), p.serial() == null ? "-" : p.serial(), p.verdict(), detail);
        }
        long pass = result.positions().stream().filter(p -> p.verdict() == Verdict.PASS).count();
        out.printf("%d position(s): %d passed, %d failed, %d error(s), %d aborted; %.1f s%n", result.positions().size(),
                pass, count(result, Verdict.FAIL), count(result, Verdict.ERROR), count(result, Verdict.ABORTED),
                Duration.between(result.startedAt(), result.endedAt()).toMillis() / 1000.0);
    }

    private static long count(RunResult result, Verdict v) {
        return result.positions().stream().filter(p -> p.verdict() == v).count();
    }
}
