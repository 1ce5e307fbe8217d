package org.testbench.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RecordedFinding;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunQuery;
import org.testbench.sequences.results.RunSummary;
import org.testbench.sequences.results.StepDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Lists recorded runs, newest first, filtered by meter serial, station, date and verdict; or shows one "
                + "run with its positions, steps, measurements, findings and evidence."},
        footer = {"", "Examples:", "  testbench results --meter 26000001 --verdict FAIL",
                "  testbench results --station bench-B --from 2026-03-02",
                "  testbench results 3f2c1a9e-... --json"})
final class ResultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "Show this run in full.")
    String runId;

    @Option(names = "--meter", paramLabel = "SERIAL", description = "Only runs that tested this meter.")
    String meter;

    @Option(names = "--station", paramLabel = "NAME",
            description = "Only runs recorded by this station (bench.yaml's station:, or the bench PC's host name).")
    String station;

    @Option(names = "--verdict", paramLabel = "VERDICT", split = ",",
            description = "Only runs with this verdict: PASS, FAIL, ERROR, ABORTED (several separated by commas).")
    List<Verdict> verdicts = new ArrayList<>();

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Only runs started on or after this day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Only runs started on or before this day.")
    String to;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N runs (default: 50).")
    int limit;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ResultStore store = database.open(spec.commandLine().getErr())) {
            if (runId != null) {
                RunId id;
                try {
                    id = RunId.parse(runId);
                } catch (IllegalArgumentException e) {
                    throw new UserException("'" + runId + "' is not a run id");
                }
                RunDetail run = store.loadRun(id).orElseThrow(() -> new UserException("no run " + runId + " in "
                        + database.display()));
                if (json) {
                    out.println(Json.write(detailJson(run)));
                } else {
                    printDetail(out, run);
                }
                return ExitCode.OK;
            }
            List<RunSummary> runs = store.findRuns(query());
            if (json) {
                out.println(Json.write(runs.stream().map(ResultsCommand::summaryJson).toList()));
            } else {
                printList(out, runs);
            }
        }
        return ExitCode.OK;
    }

    private RunQuery query() {
        RunQuery q = RunQuery.all().withLimit(limit);
        if (meter != null) {
            q = q.withMeterSerial(meter);
        }
        if (station != null) {
            q = q.withStation(station);
        }
        if (!verdicts.isEmpty()) {
            q = q.withVerdicts(verdicts.get(0), verdicts.subList(1, verdicts.size()).toArray(Verdict[]::new));
        }
        if (from != null) {
            q = q.withStartedFrom(day(from, "--from"));
        }
        if (to != null) {
            q = q.withStartedBefore(day(to, "--to").plusSeconds(86_400));
        }
        return q;
    }

    private static Instant day(String text, String option) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserException(option + " '" + text + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    private static String verdict(Optional<org.testbench.sequences.results.Completion> c) {
        return c.map(x -> x.verdict().name()).orElse("RUNNING");
    }

    private static void printList(PrintWriter out, List<RunSummary> runs) {
        if (runs.isEmpty()) {
            out.println("No runs match.");
            return;
        }
        out.printf("%-36s %-20s %-16s %-22s %-8s %-9s %s%n", "RUN", "SEQUENCE", "STATION", "STARTED", "VERDICT",
                "POSITIONS", "METERS");
        for (RunSummary r : runs) {
            out.printf("%-36s %-20s %-16s %-22s %-8s %-9s %s%n", r.id(), truncate(r.sequenceName(), 20),
                    truncate(r.station(), 16),
                    r.startedAt().toString().substring(0, Math.min(19, r.startedAt().toString().length())),
                    verdict(r.completion()), r.positions().pass() + "/" + r.positions().total() + " ok",
                    truncate(String.join(",", r.meterSerials()), 40));
        }
    }

    private static void printDetail(PrintWriter out, RunDetail run) {
        out.printf("Run %s: %s, %s%n", run.id(), run.start().sequenceName(), verdict(run.completion()));
        out.printf("  started %s by %s at station %s on %s (%s)%n", run.start().startedAt(),
                run.start().operator(), run.start().station(), run.start().lab(), run.start().softwareVersion());
        run.start().mdms().ifPresent(m -> out.printf("  MDMS %s%n", m.apiVersion()));
        run.note().ifPresent(n -> out.printf("  note: %s%n", n));
        for (PositionDetail p : run.positions()) {
            out.printf("%nPosition %d, meter %s: %s%n", p.position(), p.meterSerial().orElse("?"),
                    verdict(p.completion()));
            for (StepDetail s : p.steps()) {
                out.printf("  %2d %-40s %-8s %s%n", s.index(), truncate(s.name(), 40), verdict(s.completion()),
                        s.message().orElse(""));
                for (MeasurementRecord m : s.measurements()) {
                    out.printf("       %s = %s%s%n", m.name(), m.value(), m.limit().map(l -> "  (" + l + ")").orElse(""));
                }
            }
            for (RecordedFinding f : p.findings()) {
                out.printf("  finding %s: %s%n", f.finding().type(), f.finding().message());
            }
        }
    }

    private static Map<String, Object> summaryJson(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.id().toString());
        m.put("sequence", r.sequenceName());
        m.put("operator", r.operator());
        m.put("station", r.station());
        m.put("startedAt", r.startedAt().toString());
        m.put("verdict", verdict(r.completion()));
        m.put("meters", r.meterSerials());
        m.put("positions", Map.of("pass", r.positions().pass(), "fail", r.positions().fail(),
                "error", r.positions().error(), "aborted", r.positions().aborted()));
        m.put("findings", r.findings());
        r.note().ifPresent(n -> m.put("note", n));
        return m;
    }

    private static Map<String, Object> detailJson(RunDetail run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.id().toString());
        m.put("sequence", run.start().sequenceName());
        m.put("sequenceSha256", run.start().sequenceSha256().toString());
        m.put("operator", run.start().operator());
        m.put("station", run.start().station());
        m.put("startedAt", run.start().startedAt().toString());
        m.put("verdict", verdict(run.completion()));
        run.note().ifPresent(n -> m.put("note", n));
        List<Map<String, Object>> positions = new ArrayList<>();
        for (PositionDetail p : run.positions()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("position", p.position());
            pm.put("serial", p.meterSerial().orElse(null));
            pm.put("verdict", verdict(p.completion()));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (StepDetail s : p.steps()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("index", s.index());
                sm.put("name", s.name());
                sm.put("kind", s.kind());
                sm.put("verdict", verdict(s.completion()));
                sm.put("message", s.message().orElse(null));
                sm.put("measurements", s.measurements().stream().map(x -> Map.of("name", x.name(),
                        "value", x.value().toString(), "limit", x.limit().orElse(""), "verdict", x.verdict().name())).toList());
                sm.put("evidence", s.evidence().stream().map(EvidenceRecord::kind).toList());
                steps.add(sm);
            }
            pm.put("steps", steps);
            pm.put("findings", p.findings().stream().map(f -> Map.of("type", f.finding().type().name(),
                    "message", f.finding().message())).toList());
            positions.add(pm);
        }
        m.put("positions", positions);
        return m;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
