package org.testbench.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.trust.TrustServices;
import org.testbench.lab.trust.TsaBehaviour;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.report.EvidenceBundle;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.RunReport;
import org.testbench.sequences.report.SignatureLevel;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.report.SigningOptions;
import org.testbench.sequences.report.TimeStampClient;
import org.testbench.sequences.results.Completion;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.MdmsInterface;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.Sha256;
import org.testbench.sequences.results.StepDetail;
import org.testbench.sequences.results.StepId;

/**
 * What lasting evidence costs: a 48-position run ({@value #STEPS} steps, {@value #MEASUREMENTS} measurements and
 * an HTTP, SCPI and DLMS evidence record per step) signed at each baseline level — the PDF (PAdES B-B, B-T, B-LT,
 * B-LTA), the JSON (CAdES B-B, B-T, B-LT) — and sealed as an evidence bundle (manifest signed B-B, B-T, B-LT),
 * against the virtual lab's time-stamping authority and QA CA on loopback. Prints the median time and size of
 * each and its ratio to plain B-B of the same format, all measured in this run. Figures, not assertions. Run
 * with {@code mvn -pl benchmarks -am test -Pbenchmarks -Dtest=LongTermSigningBenchmark}.
 */
@Tag("benchmark")
class LongTermSigningBenchmark {

    static final int POSITIONS = 48;
    static final int STEPS = 14;
    static final int MEASUREMENTS = 4;
    static final int ROUNDS = 5;
    static final char[] PASSWORD = "benchmark-keystore".toCharArray();

    @TempDir
    Path dir;

    interface Job {
        byte[] run() throws Exception;
    }

    record Figure(String label, double medianMillis, int size) {
    }

    @Test
    void signingA48PositionRunAtEachLevelAndBundlingIt() throws Exception {
        Instant now = Instant.now();
        RunDetail run = run(now);
        RunReport report = RunReport.of(run, now);
        try (TrustServices lab = TrustServices.start(dir.resolve("lab"), PASSWORD.clone(), TsaBehaviour.CORRECT)) {
            SigningIdentity identity = SigningIdentity.load(lab.signerFile(), PASSWORD, now);
            TimeStampClient tsa = new TimeStampClient(lab.tsaUrl(), Duration.ofSeconds(15));
            byte[] pdf = ReportFormat.PDF.render(report);
            byte[] json = ReportFormat.JSON.render(report);
            // Jobs in three groups (PDF, JSON, bundle), the first of each is B-B, the group's baseline.
            List<List<Named>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (SignatureLevel level : SignatureLevel.values()) {
                SigningOptions options = level == SignatureLevel.B_B ? SigningOptions.basic()
                        : new SigningOptions(level, Optional.of(tsa));
                groups.get(0).add(new Named("PDF, PAdES " + level, () -> identity.signPdf(pdf, Instant.now(),
                        "benchmark", "lab", options)));
                if (level != SignatureLevel.B_LTA) {
                    groups.get(1).add(new Named("JSON + .p7s, CAdES " + level, () -> concat(json,
                            identity.signDetached(json, Instant.now(), options))));
                    groups.get(2).add(new Named("bundle, manifest " + level, () -> EvidenceBundle.build(run,
                            Instant.now(), identity, options)));
                }
            }
            List<List<Figure>> tables = measure(groups);
            System.out.printf(Locale.ROOT, "%nLong-term signing of a %d-position run (%d steps x %d measurements), "
                    + "median of %d interleaved rounds after two warm-up passes; ratios against B-B of the same format, this run:%n",
                    POSITIONS, STEPS, MEASUREMENTS, ROUNDS);
            System.out.printf(Locale.ROOT, "%-34s %10s %8s %12s %8s%n", "what", "time ms", "x B-B", "size bytes",
                    "x B-B");
            for (List<Figure> table : tables) {
                Figure base = table.get(0);
                for (Figure f : table) {
                    System.out.printf(Locale.ROOT, "%-34s %10.1f %8.2f %12d %8.3f%n", f.label(), f.medianMillis(),
                            f.medianMillis() / base.medianMillis(), f.size(), (double) f.size() / base.size());
                }
            }
        }
    }

    record Named(String label, Job job) {
    }

    /**
     * Two warm-up passes over every job, then {@value #ROUNDS} rounds that run every job once each, so that the
     * load of a shared machine falls on all of them alike; the median of each.
     */
    private static List<List<Figure>> measure(List<List<Named>> groups) throws Exception {
        List<Named> all = groups.stream().flatMap(List::stream).toList();
        for (int i = 0; i < 2; i++) {
            for (Named n : all) {
                n.job().run();
            }
        }
        java.util.Map<Named, double[]> times = new java.util.HashMap<>();
        java.util.Map<Named, Integer> sizes = new java.util.HashMap<>();
        for (int r = 0; r < ROUNDS; r++) {
            for (Named n : all) {
                long t0 = System.nanoTime();
                sizes.put(n, n.job().run().length);
                times.computeIfAbsent(n, k -> new double[ROUNDS])[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<List<Figure>> tables = new ArrayList<>();
        for (List<Named> g : groups) {
            List<Figure> table = new ArrayList<>();
            for (Named n : g) {
                double[] t = times.get(n);
                Arrays.sort(t);
                table.add(new Figure(n.label(), t[ROUNDS / 2], sizes.get(n)));
            }
            tables.add(table);
        }
        return tables;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static RunDetail run(Instant t0) {
        List<Integer> positions = new ArrayList<>();
        List<PositionDetail> details = new ArrayList<>();
        for (int p = 1; p <= POSITIONS; p++) {
            positions.add(p);
            List<StepDetail> steps = new ArrayList<>();
            for (int s = 0; s < STEPS; s++) {
                Instant t = t0.plusMillis(p * 1000L + s * 50L);
                List<MeasurementRecord> measurements = new ArrayList<>();
                for (int m = 0; m < MEASUREMENTS; m++) {
                    measurements.add(MeasurementRecord.numeric("value " + m, 0.01 * s + m, "A", "< 0.05 A",
                            Verdict.PASS, t));
                }
                List<EvidenceRecord> evidence = List.of(
                        new EvidenceRecord("http", "POST /meters/2600" + p + "/load-switch HTTP/1.1 -> 202 "
                                + "{\"state\":\"OPEN\",\"requestId\":\"" + p + "-" + s + "\"}", t),
                        new EvidenceRecord("scpi", "> MEAS:CURR? (@" + p + ")\n< " + (0.01 * s), t),
                        new EvidenceRecord("dlms", "-> 7EA0210002002303" + "32".repeat(20) + "7E\n<- 7EA0"
                                + "13".repeat(40) + "7E", t));
                steps.add(new StepDetail(StepId.random(), s, "step " + s, "verify.loadSwitch", t,
                        Optional.of(new Completion(Verdict.PASS, t.plusMillis(40))), Optional.empty(), measurements,
                        evidence));
            }
            details.add(new PositionDetail(p, Optional.of("2600" + p), Optional.of(t0.plusSeconds(p)),
                    Optional.of(new Completion(Verdict.PASS, t0.plusSeconds(p + 30))), steps, List.of()));
        }
        RunStart start = RunStart.newBuilder().sequence("e2e-load-switch", "sequence: e2e-load-switch\n")
                .softwareVersion("testbench benchmark").operator("qa").lab("{\"bench\":\"bench 48\"}")
                .mdms(new MdmsInterface("2.4.1", Sha256.ofUtf8("spec"), Sha256.ofUtf8("binding")))
                .plannedPositions(positions).startedAt(t0).build();
        return new RunDetail(RunId.parse("5dbdd769-9eef-4fad-8827-e4446cceaaaf"), start,
                Optional.of(new Completion(Verdict.PASS, t0.plusSeconds(POSITIONS + 60))), Optional.empty(), details);
    }
}
