package org.testbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testbench.app.runs.BundledSamples;
import org.testbench.app.runs.LabBench;
import org.testbench.app.runs.RecordedRun;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.mdms.MdmsDialect;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.report.AtomicFiles;
import org.testbench.sequences.report.EvaluationPki;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.RunReport;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the virtual lab in this process — meters, bench and the reference MDMS — and runs the "
                + "lab's identity and end-to-end load-switch sequences on every position: the MDMS opens and closes each "
                + "load switch, and the meter (optical port) and the bench (current) verify it independently. The runs "
                + "are recorded in the results database; a summary table follows.",
                "Needs no hardware and no configuration. The bench is left safe at the end. Each run also becomes a "
                        + "PDF, JSON and JUnit XML report, signed with a DEMO identity made for the demo (--reports)."},
        footer = {"", "Exit codes: 0 every position passed, 1 a position failed, 2 an error or the lab could not run."})
final class DemoCommand implements Callable<Integer> {

    /** The demo's two sequences, shipped in the jar (samples/sequences). */
    static final List<String> SEQUENCES = List.of("identity.yaml", "e2e-load-switch.yaml");

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "3", paramLabel = "N",
            description = "Number of simulated meters (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--mdms-dialect", paramLabel = "NAME", defaultValue = "reference",
            description = "The API the lab's MDMS speaks, as in 'testbench lab': reference (default), gridflow "
                    + "(OAuth2 client credentials) or metercloud (API key); the demo connects with the dialect's "
                    + "spec, binding and credentials (docs/mdms-auth.md).")
    String mdmsDialect;

    @Mixin
    DatabaseOption database;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "testbench-demo-reports",
            description = "Where the signed reports of the demo's runs go (default: ${DEFAULT-VALUE}). They are signed "
                    + "with a DEMO identity created there (demo-pki/), which must never sign real reports.")
    Path reports;

    private MdmsDialect dialect() {
        try {
            return MdmsDialect.parse(mdmsDialect);
        } catch (IllegalArgumentException e) {
            throw new UserException("--mdms-dialect: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || meters > 200) {
            throw new UserException("--meters must be 1..200, was " + meters);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ResultStore store = database.open(spec.commandLine().getErr());
             LabBench labBench = LabBench.start(meters, 1.0, false, dialect())) {
            VirtualLab lab = labBench.lab();
            Instruments instruments = labBench.instruments((position, kind, message) -> "yes");
            List<PositionSetup> positions = labBench.positions();
            out.printf("Virtual lab started: %d meter(s), bench %s, MDMS %s (%s)%n", meters,
                    lab.bench().scpiEndpoint(), lab.mdms().url(), lab.mdms().dialect());
            Map<String, RecordedRun> runs = new LinkedHashMap<>();
            WitnessCapture witnesses = new WitnessCapture();
            for (String file : SEQUENCES) {
                Sequence sequence = bundled(file);
                out.printf("Running %s on %d position(s)...%n", sequence.name(), positions.size());
                out.flush();
                RunStart start = labBench.runStart(sequence, System.getProperty("user.name", "demo"),
                        "virtual lab (testbench demo)", positions);
                runs.put(sequence.name(), RecordedRun.execute(sequence, Map.of(), positions, instruments, store,
                        start, witnesses, handle -> { }));
            }
            printSummary(out, lab, runs, witnesses);
            out.printf("Recorded in %s (see 'testbench results').%n",
                    database.display());
            writeSignedReports(out, store, runs);
            Verdict worst = runs.values().stream().map(r -> r.result().verdict()).reduce(Verdict.PASS, Verdict::combine);
            return RunCommand.exitCode(worst);
        }
    }

    /**
     * Every run as a signed PDF (PAdES), a signed JSON (detached CMS) and JUnit XML, signed by a DEMO
     * identity made for this demo, so that QA can try 'testbench verify' without a real signing key.
     */
    private void writeSignedReports(PrintWriter out, ResultStore store, Map<String, RecordedRun> runs)
            throws IOException {
        Instant now = Instant.now();
        Path pkiDir = Files.createDirectories(reports).resolve("demo-pki-" + now.toEpochMilli());
        char[] pkiPassword = LabSecret.generate().toCharArray();
        EvaluationPki.Created pki = EvaluationPki.init(pkiDir, pkiPassword, "Testbench DEMO (not for real reports)", now);
        SigningIdentity identity = SigningIdentity.load(pki.signerFile(), pkiPassword, now);
        java.util.Arrays.fill(pkiPassword, '\0');
        for (Map.Entry<String, RecordedRun> e : runs.entrySet()) {
            RunDetail run = store.loadRun(e.getValue().runId()).orElseThrow();
            RunReport report = RunReport.of(run, now);
            Path base = reports.resolve(e.getKey());
            byte[] json = ReportFormat.JSON.render(report);
            Map<Path, byte[]> files = new LinkedHashMap<>();
            files.put(base.resolveSibling(e.getKey() + ".pdf"), identity.signPdf(ReportFormat.PDF.render(report), now,
                    "DEMO report of run " + run.id(), report.lab()));
            files.put(base.resolveSibling(e.getKey() + ".json"), json);
            files.put(base.resolveSibling(e.getKey() + ".json.p7s"), identity.signDetached(json, now));
            files.put(base.resolveSibling("TEST-" + e.getKey() + ".xml"), ReportFormat.JUNIT.render(report));
            AtomicFiles.write(files);
        }
        out.printf("Signed reports (DEMO identity) in %s; check one with:%n  testbench verify %s --ca %s%n", reports,
                reports.resolve(runs.keySet().iterator().next() + ".pdf"), pki.caFile());
    }

    /**
     * What the two witnesses said at the E2E sequence's checks after open and after close: the relay
     * state the meter reports over its optical port and the current the bench measures.
     */
    static final class WitnessCapture implements RunListener {
        private final Map<String, String> relay = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, String> current = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void measurement(int position, org.testbench.sequences.language.Step step, Measurement m) {
            String key = position + "/" + step.id();
            if (m.name().equals("meter outputState")) {
                relay.put(key, Boolean.TRUE.equals(m.value()) ? "closed" : "open");
            } else if (m.name().equals("bench current") && m.value() instanceof org.testbench.drivers.quantity.Quantity q) {
                current.put(key, String.format(java.util.Locale.ROOT, "%.3f A",
                        q.in(org.testbench.drivers.quantity.Unit.AMPERE)));
            }
        }

        String after(int position, String stepId) {
            String key = position + "/" + stepId;
            return relay.containsKey(key) ? relay.get(key) + " / " + current.getOrDefault(key, "?") : "-";
        }
    }

    static Sequence bundled(String file) throws IOException {
        return BundledSamples.sequence(file);
    }

    private static void printSummary(PrintWriter out, VirtualLab lab, Map<String, RecordedRun> runs,
                                     WitnessCapture witnesses) {
        out.println();
        StringBuilder header = new StringBuilder(String.format("%-4s %-10s", "POS", "SERIAL"));
        runs.keySet().forEach(name -> header.append(String.format(" %-16s", name.toUpperCase(java.util.Locale.ROOT))));
        header.append(String.format(" %-20s %-20s", "OPEN: RELAY/CURRENT", "CLOSED: RELAY/CURRENT"));
        out.println(header.append(" FINDINGS"));
        int passed = 0;
        for (VirtualMeter m : lab.meters()) {
            StringBuilder row = new StringBuilder(String.format("%-4d %-10s", m.position(), m.serial()));
            List<String> findings = new ArrayList<>();
            boolean allPass = true;
            for (RecordedRun run : runs.values()) {
                RunResult.PositionResult p = run.result().positions().stream()
                        .filter(r -> r.position() == m.position()).findFirst().orElseThrow();
                row.append(String.format(" %-16s", p.verdict()));
                allPass &= p.verdict() == Verdict.PASS;
                p.findings().stream().map(Finding::type).map(Enum::name).forEach(findings::add);
                if (p.verdict() == Verdict.ERROR && p.message() != null) {
                    findings.add(p.message());
                }
            }
            passed += allPass ? 1 : 0;
            row.append(String.format(" %-20s %-20s", witnesses.after(m.position(), "opened"),
                    witnesses.after(m.position(), "closed")));
            out.println(row.append(" ").append(findings.isEmpty() ? "-" : String.join(", ", findings)));
        }
        out.printf("%d position(s): %d passed every sequence%n", lab.meters().size(), passed);
        runs.forEach((name, run) -> out.printf("  %s: %s, run %s%n", name, run.result().verdict(), run.runId()));
    }
}
