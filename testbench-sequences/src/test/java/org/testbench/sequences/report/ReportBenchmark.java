package org.testbench.sequences.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.MdmsInterface;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.Sha256;
import org.testbench.sequences.results.StepId;

/**
 * What a report costs: a 48-position run of the lab's identity + E2E load-switch test ({@value #STEPS} steps of
 * {@value #MEASUREMENTS} measurements per position, MDMS evidence on every third step, findings on some
 * positions) is recorded into an H2 file store, loaded, and rendered in every format, unsigned and signed
 * (PAdES for PDF, detached CMS for JSON). Prints median time, allocated bytes and size, and the ratio of signed
 * to unsigned. Run with {@code mvn -pl testbench-sequences -am test -Pbenchmarks -Dtest=ReportBenchmark}.
 */
@Tag("benchmark")
class ReportBenchmark {

    static final int POSITIONS = 48;
    static final int STEPS = 14;
    static final int MEASUREMENTS = 4;
    static final int ROUNDS = 7;
    static final char[] PASSWORD = "benchmark".toCharArray();

    @TempDir
    Path dir;

    record Figures(String label, double medianMillis, long allocatedBytes, int size) {
    }

    @Test
    void renderingAndSigningA48PositionRun() throws Exception {
        RunDetail run;
        long recordNanos = System.nanoTime();
        try (ResultStore store = ResultStore.open("jdbc:h2:file:" + dir.resolve("results"), "testbench", new char[0])) {
            RunId id = record(store);
            recordNanos = System.nanoTime() - recordNanos;
            long loadNanos = System.nanoTime();
            run = store.loadRun(id).orElseThrow();
            loadNanos = System.nanoTime() - loadNanos;
            System.out.printf(Locale.ROOT, "%nRecorded %d positions x %d steps x %d measurements in %.2f s; loaded in %.0f ms%n",
                    POSITIONS, STEPS, MEASUREMENTS, recordNanos / 1e9, loadNanos / 1e6);
        }
        EvaluationPki.Created pki = EvaluationPki.init(dir.resolve("pki"), PASSWORD, "Benchmark", Instant.now());
        SigningIdentity identity = SigningIdentity.load(pki.signerFile(), PASSWORD, Instant.now());
        RunReport report = RunReport.of(run, Instant.now());
        byte[] pdf = ReportFormat.PDF.render(report);
        byte[] json = ReportFormat.JSON.render(report);

        List<Figures> f = new ArrayList<>();
        f.add(measure("model from the stored run", () -> RunReport.of(run, Instant.now()).positions().size()));
        f.add(measure("JSON, unsigned", () -> ReportFormat.JSON.render(report).length));
        f.add(measure("JSON + detached CMS", () -> {
            byte[] j = ReportFormat.JSON.render(report);
            return j.length + identity.signDetached(j, Instant.now()).length;
        }));
        f.add(measure("JUnit XML", () -> ReportFormat.JUNIT.render(report).length));
        f.add(measure("PDF, unsigned", () -> ReportFormat.PDF.render(report).length));
        f.add(measure("PDF, PAdES signed", () -> identity.signPdf(ReportFormat.PDF.render(report), Instant.now(),
                "benchmark", null).length));
        f.add(measure("PAdES signature alone (of a rendered PDF)", () -> identity.signPdf(pdf, Instant.now(),
                "benchmark", null).length));
        f.add(measure("CMS signature alone (of the JSON)", () -> identity.signDetached(json, Instant.now()).length));

        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Report of %d positions (%d cores, max heap %d MiB, Java %s)%n", POSITIONS,
                rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-44s %10s %14s %12s%n", "", "median ms", "allocated MiB", "bytes out");
        for (Figures x : f) {
            System.out.printf(Locale.ROOT, "%-44s %10.1f %14.1f %12d%n", x.label(), x.medianMillis(),
                    x.allocatedBytes() / 1048576.0, x.size());
        }
        System.out.printf(Locale.ROOT, "signed / unsigned time: PDF %.2f, JSON %.2f%n",
                f.get(5).medianMillis() / f.get(4).medianMillis(), f.get(2).medianMillis() / f.get(1).medianMillis());
    }

    private static Figures measure(String label, Callable<Integer> work) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 3; i++) {
            work.call(); // warm-up: class loading and JIT
        }
        double[] millis = new double[ROUNDS];
        long allocated = 0;
        int size = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long before = threads.getThreadAllocatedBytes(tid);
            long t = System.nanoTime();
            size = work.call();
            millis[i] = (System.nanoTime() - t) / 1e6;
            allocated = threads.getThreadAllocatedBytes(tid) - before;
        }
        Arrays.sort(millis);
        return new Figures(label, millis[ROUNDS / 2], allocated, size);
    }

    private static RunId record(ResultStore store) throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Integer> positions = new ArrayList<>();
        for (int p = 1; p <= POSITIONS; p++) {
            positions.add(p);
        }
        RunId run = store.startRun(RunStart.newBuilder().sequence("e2e-load-switch", "sequence: e2e-load-switch\n")
                .softwareVersion("testbench benchmark").operator("benchmark").lab("{\"bench\":\"benchmark bench\"}")
                .mdms(new MdmsInterface("2.4.1", Sha256.ofUtf8("spec"), Sha256.ofUtf8("binding")))
                .plannedPositions(positions).startedAt(t).build());
        String evidence = "POST /meters/26000001/loadSwitch/open HTTP/1.1 -> 202 {\"commandId\":\"c-1\",\"status\":"
                + "\"PENDING\"}\n".repeat(8);
        for (int p = 1; p <= POSITIONS; p++) {
            store.startPosition(run, p, String.format(Locale.ROOT, "26%06d", p));
            for (int s = 0; s < STEPS; s++) {
                boolean loadSwitch = s % 4 == 2;
                StepId step = store.startStep(run, p, s, loadSwitch ? "witnesses after switching " + s : "step " + s,
                        loadSwitch ? "verify.loadSwitch" : s % 3 == 0 ? "mdms.loadSwitch.open" : "meter.read", t);
                for (int m = 0; m < MEASUREMENTS; m++) {
                    store.recordMeasurement(step, m == 0 && loadSwitch
                            ? MeasurementRecord.numeric("bench current", s % 8 == 2 ? 0.012 : 4.998, "A",
                                    "open < 0.05 A, closed within 5 %", Verdict.PASS, t)
                            : MeasurementRecord.numeric("value " + m, 230.0 + m, "V", "within 2 %", Verdict.PASS, t));
                }
                if (s % 3 == 0) {
                    store.recordEvidence(step, "mdms response", evidence);
                }
                store.finishStep(step, Verdict.PASS, null, t);
            }
            if (p % 12 == 0) {
                store.recordFinding(run, p, null, Finding.of(FindingType.LATENCY, "the MDMS answered after 9.1 s",
                        "request at 08:00:00.000", "answer at 08:00:09.100"));
            }
            store.finishPosition(run, p, p % 12 == 0 ? Verdict.FAIL : Verdict.PASS);
        }
        store.finishRun(run, Verdict.FAIL, t);
        return run;
    }
}
