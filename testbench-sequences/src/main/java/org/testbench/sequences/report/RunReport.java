package org.testbench.sequences.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.Completion;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.MdmsInterface;
import org.testbench.sequences.results.MeasuredValue;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RecordedFinding;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.StepDetail;

/**
 * What a report of one run says, in the order every format presents it: the run (lab, station, bench, operator,
 * software, sequence with its hash, MDMS interface with its hashes), then each position with its meter's
 * identity, steps, measurements and findings. Free texts are passed through {@link Redaction}, so no key
 * material appears but as a fingerprint; evidence is cut to an excerpt of {@value #EXCERPT_LIMIT} characters.
 *
 * @param verdict empty while the run is still recording
 */
public record RunReport(String runId, String sequenceName, String sequenceSha256, String softwareVersion,
        String operator, String station, String lab, Optional<String> bench, Optional<MdmsInterface> mdms, Instant startedAt,
        Optional<Instant> endedAt, Optional<Verdict> verdict, Optional<String> note, Instant generatedAt,
        List<Position> positions) {

    /** The longest evidence excerpt a report carries; the database keeps the whole. */
    public static final int EXCERPT_LIMIT = 2000;

    public RunReport {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        positions = List.copyOf(positions);
    }

    /** The report of a stored run, generated now. */
    public static RunReport of(RunDetail run, Instant generatedAt) {
        List<Position> positions = new ArrayList<>();
        for (PositionDetail p : run.positions()) {
            positions.add(Position.of(p));
        }
        return new RunReport(run.id().toString(), run.start().sequenceName(), run.start().sequenceSha256().hex(),
                run.start().softwareVersion(), run.start().operator(), run.start().station(),
                Redaction.apply(run.start().lab()),
                bench(run.start().lab()), run.start().mdms(), run.start().startedAt(),
                run.completion().map(Completion::endedAt), run.completion().map(Completion::verdict),
                run.note().map(Redaction::apply), generatedAt, positions);
    }

    /** "PASS", "FAIL", "ERROR", "ABORTED", or "RUNNING" for a run, position or step not ended yet. */
    public static String verdictName(Optional<Verdict> verdict) {
        return verdict.map(Verdict::name).orElse("RUNNING");
    }

    /** The bench, when the lab description is JSON with a "bench" member (the bench configuration's form). */
    private static Optional<String> bench(String lab) {
        String text = lab.strip();
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(text).get("bench");
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            return Optional.of(Redaction.apply(node.isTextual() ? node.asText() : node.toString()));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static String excerpt(String content) {
        String text = Redaction.apply(content);
        if (text.length() <= EXCERPT_LIMIT) {
            return text;
        }
        return text.substring(0, EXCERPT_LIMIT) + "… (" + (text.length() - EXCERPT_LIMIT) + " more characters)";
    }

    /**
     * The meter on a position as three witnesses name it: the nameplate (the bench configuration, as mounted),
     * the optical port ({@code meter.read}) and the MDMS record ({@code mdms.meter.get}); empty where the
     * sequence did not ask.
     */
    public record MeterIdentity(Optional<String> nameplate, Optional<String> optical, Optional<String> mdms,
            Optional<String> firmware) {

        static MeterIdentity of(PositionDetail p) {
            Map<String, String> meter = new HashMap<>();
            Map<String, String> mdms = new HashMap<>();
            for (StepDetail s : p.steps()) {
                Map<String, String> into = s.kind().equals("meter.read") ? meter
                        : s.kind().startsWith("mdms.meter") ? mdms : null;
                if (into == null) {
                    continue;
                }
                for (MeasurementRecord m : s.measurements()) {
                    into.putIfAbsent(m.name(), m.value().toString());
                }
            }
            return new MeterIdentity(p.meterSerial(), Optional.ofNullable(meter.get("serial")),
                    Optional.ofNullable(mdms.get("serial")),
                    Optional.ofNullable(meter.getOrDefault("firmware", mdms.get("firmware"))));
        }

        /** The best name for the meter: optical, else nameplate, else MDMS, else "?". */
        public String display() {
            return optical.or(() -> nameplate).or(() -> mdms).orElse("?");
        }
    }

    public record Position(int position, MeterIdentity meter, Optional<Verdict> verdict, Optional<Instant> startedAt,
            Optional<Instant> endedAt, List<Step> steps, List<Finding> findings) {

        public Position {
            steps = List.copyOf(steps);
            findings = List.copyOf(findings);
        }

        static Position of(PositionDetail p) {
            Map<org.testbench.sequences.results.StepId, Integer> indexes = new HashMap<>();
            List<Step> steps = new ArrayList<>();
            for (StepDetail s : p.steps()) {
                indexes.put(s.id(), s.index());
                steps.add(Step.of(s));
            }
            List<Finding> findings = new ArrayList<>();
            for (RecordedFinding f : p.findings()) {
                findings.add(new Finding(f.finding().type(), Redaction.apply(f.finding().message()),
                        f.finding().evidence().stream().map(RunReport::excerpt).toList(),
                        f.step().map(indexes::get), f.recordedAt()));
            }
            return new Position(p.position(), MeterIdentity.of(p), p.completion().map(Completion::verdict),
                    p.startedAt(), p.completion().map(Completion::endedAt), steps, findings);
        }

        /**
         * The bench current through each load-switch step ({@code verify.loadSwitch}, measurement
         * "bench current"), in step order: what the PDF's chart shows.
         */
        public List<LoadSwitchCurrent> loadSwitchCurrents() {
            List<LoadSwitchCurrent> out = new ArrayList<>();
            for (Step s : steps) {
                if (!s.kind().equals("verify.loadSwitch")) {
                    continue;
                }
                for (Measurement m : s.measurements()) {
                    if (m.name().equals("bench current") && m.value() instanceof MeasuredValue.Numeric n) {
                        out.add(new LoadSwitchCurrent(s.index(), s.name(), n.value(), n.unit(), m.verdict()));
                    }
                }
            }
            return out;
        }
    }

    public record Step(int index, String name, String kind, Optional<Verdict> verdict, Instant startedAt,
            Optional<Instant> endedAt, Optional<String> message, List<Measurement> measurements,
            List<Evidence> evidence) {

        public Step {
            measurements = List.copyOf(measurements);
            evidence = List.copyOf(evidence);
        }

        static Step of(StepDetail s) {
            return new Step(s.index(), s.name(), s.kind(), s.completion().map(Completion::verdict), s.startedAt(),
                    s.completion().map(Completion::endedAt), s.message().map(Redaction::apply),
                    s.measurements().stream().map(Measurement::of).toList(),
                    s.evidence().stream().map(Evidence::of).toList());
        }
    }

    /** A measured or read value with its unit (in {@code value}), its limit and the verdict against it. */
    public record Measurement(String name, MeasuredValue value, Optional<String> limit, Verdict verdict,
            Instant measuredAt) {

        static Measurement of(MeasurementRecord m) {
            MeasuredValue value = m.value() instanceof MeasuredValue.Text t
                    ? MeasuredValue.text(Redaction.apply(t.text())) : m.value();
            return new Measurement(m.name(), value, m.limit(), m.verdict(), m.measuredAt());
        }
    }

    public record Evidence(String kind, String excerpt, Instant recordedAt) {
        static Evidence of(EvidenceRecord e) {
            return new Evidence(e.kind(), RunReport.excerpt(e.content()), e.recordedAt());
        }
    }

    /** @param stepIndex the step that made it, empty for a finding of the position as a whole */
    public record Finding(FindingType type, String message, List<String> evidence, Optional<Integer> stepIndex,
            Instant recordedAt) {
        public Finding {
            evidence = List.copyOf(evidence);
        }
    }

    /** One point of the load-switch chart. */
    public record LoadSwitchCurrent(int stepIndex, String stepName, double value, String unit, Verdict verdict) {
    }
}
