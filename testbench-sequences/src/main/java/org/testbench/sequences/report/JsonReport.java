package org.testbench.sequences.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testbench.sequences.results.MeasuredValue;

/**
 * The report as JSON, in the shape {@code docs/report.schema.json} documents. Absent values are {@code null},
 * never left out, so that every key is always there; times are ISO-8601 UTC.
 */
final class JsonReport {

    /** The schema's identifier, written into every report as {@code "schema"}. */
    static final String SCHEMA = "https://testbench.example/schemas/report-1.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static byte[] render(RunReport r) {
        try {
            return MAPPER.writeValueAsBytes(tree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report of run " + r.runId(), e);
        }
    }

    static Map<String, Object> tree(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("runId", r.runId());
        m.put("generatedAt", r.generatedAt().toString());
        m.put("verdict", RunReport.verdictName(r.verdict()));
        m.put("startedAt", r.startedAt().toString());
        m.put("endedAt", time(r.endedAt()));
        m.put("note", r.note().orElse(null));
        m.put("lab", r.lab());
        m.put("bench", r.bench().orElse(null));
        m.put("operator", r.operator());
        m.put("station", r.station());
        m.put("softwareVersion", r.softwareVersion());
        m.put("sequence", Map.of("name", r.sequenceName(), "sha256", r.sequenceSha256()));
        m.put("mdms", r.mdms().map(x -> {
            Map<String, Object> mdms = new LinkedHashMap<>();
            mdms.put("apiVersion", x.apiVersion());
            mdms.put("specSha256", x.specSha256().hex());
            mdms.put("bindingSha256", x.bindingSha256().hex());
            return mdms;
        }).orElse(null));
        List<Object> positions = new ArrayList<>();
        for (RunReport.Position p : r.positions()) {
            positions.add(position(p));
        }
        m.put("positions", positions);
        return m;
    }

    private static Map<String, Object> position(RunReport.Position p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", p.position());
        Map<String, Object> meter = new LinkedHashMap<>();
        meter.put("nameplateSerial", p.meter().nameplate().orElse(null));
        meter.put("opticalSerial", p.meter().optical().orElse(null));
        meter.put("mdmsSerial", p.meter().mdms().orElse(null));
        meter.put("firmware", p.meter().firmware().orElse(null));
        m.put("meter", meter);
        m.put("verdict", RunReport.verdictName(p.verdict()));
        m.put("startedAt", time(p.startedAt()));
        m.put("endedAt", time(p.endedAt()));
        List<Object> steps = new ArrayList<>();
        for (RunReport.Step s : p.steps()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("index", s.index());
            sm.put("name", s.name());
            sm.put("kind", s.kind());
            sm.put("verdict", RunReport.verdictName(s.verdict()));
            sm.put("startedAt", s.startedAt().toString());
            sm.put("endedAt", time(s.endedAt()));
            sm.put("message", s.message().orElse(null));
            List<Object> measurements = new ArrayList<>();
            for (RunReport.Measurement x : s.measurements()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("name", x.name());
                if (x.value() instanceof MeasuredValue.Numeric n) {
                    mm.put("value", n.value());
                    mm.put("unit", n.unit());
                } else {
                    mm.put("value", x.value().toString());
                    mm.put("unit", null);
                }
                mm.put("limit", x.limit().orElse(null));
                mm.put("verdict", x.verdict().name());
                mm.put("measuredAt", x.measuredAt().toString());
                measurements.add(mm);
            }
            sm.put("measurements", measurements);
            sm.put("evidence", s.evidence().stream().map(e -> {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("kind", e.kind());
                em.put("excerpt", e.excerpt());
                em.put("recordedAt", e.recordedAt().toString());
                return em;
            }).toList());
            steps.add(sm);
        }
        m.put("steps", steps);
        m.put("findings", p.findings().stream().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("type", f.type().name());
            fm.put("message", f.message());
            fm.put("step", f.stepIndex().orElse(null));
            fm.put("evidence", f.evidence());
            fm.put("recordedAt", f.recordedAt().toString());
            return fm;
        }).toList());
        return m;
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
