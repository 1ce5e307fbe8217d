package org.testbench.sequences.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.Completion;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.MdmsInterface;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RecordedFinding;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.Sha256;
import org.testbench.sequences.results.StepDetail;
import org.testbench.sequences.results.StepId;

/** Runs built by hand: position 1 passes, 2 fails with a finding, 3 errs, 4 was aborted. */
final class ReportFixtures {

    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final String KEY = "000102030405060708090A0B0C0D0E0F";

    private ReportFixtures() {
    }

    static RunDetail run() {
        RunStart start = RunStart.newBuilder().sequence("e2e-load-switch", "sequence: e2e-load-switch\n")
                .softwareVersion("testbench 0.1.0").operator("qa-anna").station("bench-B")
                .lab("{\"lab\":\"Meter lab 2\",\"bench\":\"bench B (MTE PTS 3.3, SN 4711)\"}")
                .mdms(new MdmsInterface("2.4.1", Sha256.ofUtf8("spec"), Sha256.ofUtf8("binding")))
                .plannedPositions(1, 2, 3, 4).startedAt(T0).build();
        List<PositionDetail> positions = new ArrayList<>();
        positions.add(position(1, Verdict.PASS, 0.01, 5.0));
        positions.add(position(2, Verdict.FAIL, 4.98, 5.0));
        positions.add(position(3, Verdict.ERROR, 0.02, 5.0));
        positions.add(position(4, Verdict.ABORTED, 0.02, 5.0));
        return new RunDetail(RunId.parse("5dbdd769-9eef-4fad-8827-e4446cceaaaf"), start,
                Optional.of(new Completion(Verdict.ABORTED, T0.plusSeconds(60))), Optional.empty(), positions);
    }

    static PositionDetail position(int position, Verdict verdict, double openCurrent, double closedCurrent) {
        String serial = "2600000" + position;
        List<StepDetail> steps = new ArrayList<>();
        Instant t = T0.plusSeconds(position);
        steps.add(step(0, "read identity over the optical port", "meter.read", Verdict.PASS, t, null,
                List.of(MeasurementRecord.text("serial", serial, null, Verdict.PASS, t),
                        MeasurementRecord.text("firmware", "TBL-EM3 1.4.2", null, Verdict.PASS, t)), List.of()));
        steps.add(step(1, "the MDMS record of the meter", "mdms.meter.get", Verdict.PASS, t, null,
                List.of(MeasurementRecord.text("serial", serial, null, Verdict.PASS, t),
                        MeasurementRecord.numeric("latency", 120, "ms", "<= 2000 ms", Verdict.PASS, t),
                        MeasurementRecord.numeric("voltage", 230.1, "V", "in [207 V, 253 V]", Verdict.PASS, t)),
                List.of(new EvidenceRecord("mdms response", "HTTP 200 {\"serial\":\"" + serial + "\",\"key\":\"" + KEY
                        + "\"}\u0002", t))));
        Verdict open = verdict == Verdict.FAIL ? Verdict.FAIL : Verdict.PASS;
        steps.add(step(2, "witnesses after open", "verify.loadSwitch", open, t,
                open == Verdict.FAIL ? "the bench still measures 4.98 A after open" : null,
                List.of(MeasurementRecord.text("meter outputState", "false", null, Verdict.PASS, t),
                        MeasurementRecord.numeric("bench current", openCurrent, "A", "open < 0.05 A, closed within 5 %",
                                open, t)), List.of()));
        Verdict last = verdict == Verdict.ERROR ? Verdict.ERROR : verdict == Verdict.ABORTED ? Verdict.ABORTED : Verdict.PASS;
        steps.add(step(3, "witnesses after close", "verify.loadSwitch", last, t,
                last == Verdict.ERROR ? "bench tcp:127.0.0.1:1: no answer" : null,
                List.of(MeasurementRecord.numeric("bench current", closedCurrent, "A", "open < 0.05 A, closed within 5 %",
                        Verdict.PASS, t)), List.of()));
        List<RecordedFinding> findings = new ArrayList<>();
        if (verdict == Verdict.FAIL) {
            findings.add(new RecordedFinding(Finding.of(FindingType.DATA_INCONSISTENCY,
                    "MDMS claims OPEN; the bench measures 4.98 A", "bench: 4.98 A", "meter: outputState true"),
                    Optional.of(steps.get(2).id()), t));
        }
        return new PositionDetail(position, Optional.of(serial), Optional.of(t),
                Optional.of(new Completion(verdict, t.plusSeconds(30))), steps, findings);
    }

    private static StepDetail step(int index, String name, String kind, Verdict verdict, Instant t, String message,
            List<MeasurementRecord> measurements, List<EvidenceRecord> evidence) {
        return new StepDetail(StepId.random(), index, name, kind, t,
                verdict == Verdict.ABORTED ? Optional.empty() : Optional.of(new Completion(verdict, t.plusSeconds(1))),
                Optional.ofNullable(message), measurements, evidence);
    }

    static RunReport report() {
        return RunReport.of(run(), T0.plusSeconds(3600));
    }
}
