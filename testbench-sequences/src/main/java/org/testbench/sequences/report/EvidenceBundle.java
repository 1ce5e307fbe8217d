package org.testbench.sequences.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.testbench.sequences.results.EvidenceRecord;
import org.testbench.sequences.results.PositionDetail;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.Sha256;
import org.testbench.sequences.results.StepDetail;

/**
 * A run sealed as one ZIP: its reports in every format, the raw evidence of every step as the results store
 * keeps it (DLMS frames, SCPI dialogue, HTTP exchanges, MQTT messages — secrets fingerprinted as in every
 * report), the inputs the store records (the sequence's text; the MDMS OpenAPI file and binding by their
 * SHA-256), and {@value #MANIFEST}: the SHA-256 of every other member. Signed, the bundle carries
 * {@value #SIGNATURE}, a detached CMS signature over the manifest at the level asked, which seals everything.
 */
public final class EvidenceBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";
    /** The manifest's {@code format}; a reader refuses another. */
    public static final String FORMAT = "testbench-evidence-bundle/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceBundle() {
    }

    /**
     * @param identity null for an unsigned bundle (the manifest then proves integrity only against itself)
     * @return the ZIP's bytes
     */
    public static byte[] build(RunDetail run, Instant now, SigningIdentity identity, SigningOptions options)
            throws ReportException {
        RunReport report = RunReport.of(run, now);
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("reports/report.pdf", ReportFormat.PDF.render(report));
        members.put("reports/report.json", ReportFormat.JSON.render(report));
        members.put("reports/report.junit.xml", ReportFormat.JUNIT.render(report));
        members.put("reports/report.atml.xml", ReportFormat.ATML.render(report));
        members.put("inputs/sequence.yaml", run.start().sequenceText().getBytes(StandardCharsets.UTF_8));
        members.put("inputs/inputs.json", json(inputs(run)));
        for (PositionDetail p : run.positions()) {
            for (StepDetail s : p.steps()) {
                evidence(p, s, members);
            }
        }
        byte[] manifest = json(manifest(run, now, members));
        byte[] signature = identity == null ? null : identity.signDetached(manifest, now, options);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                put(out, m.getKey(), m.getValue(), now);
            }
            put(out, MANIFEST, manifest, now);
            if (signature != null) {
                put(out, SIGNATURE, signature, now);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the evidence bundle of run " + run.id() + " in memory", e);
        }
        return zip.toByteArray();
    }

    /** One file per step and kind of evidence, its records in the order they were recorded, with their times. */
    private static void evidence(PositionDetail p, StepDetail s, Map<String, byte[]> members) {
        Map<String, StringBuilder> byKind = new LinkedHashMap<>();
        for (EvidenceRecord e : s.evidence()) {
            StringBuilder b = byKind.computeIfAbsent(e.kind(), k -> new StringBuilder()
                    .append("# position ").append(p.position()).append(", step ").append(s.index()).append(' ')
                    .append(s.name()).append(" (").append(s.kind()).append("), evidence '").append(k).append("'\n"));
            b.append("\n[").append(e.recordedAt()).append("]\n").append(Redaction.apply(e.content())).append('\n');
        }
        for (Map.Entry<String, StringBuilder> k : byKind.entrySet()) {
            String name = String.format(Locale.ROOT, "evidence/position-%02d/step-%02d-%s.log", p.position(), s.index(),
                    safe(k.getKey()));
            members.put(name, k.getValue().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What went into the run, as the results store knows it. */
    private static Map<String, Object> inputs(RunDetail run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", run.id().toString());
        Map<String, Object> sequence = new LinkedHashMap<>();
        sequence.put("name", run.start().sequenceName());
        sequence.put("sha256", run.start().sequenceSha256().hex());
        sequence.put("file", "inputs/sequence.yaml");
        m.put("sequence", sequence);
        m.put("mdms", run.start().mdms().map(x -> {
            Map<String, Object> mdms = new LinkedHashMap<>();
            mdms.put("apiVersion", x.apiVersion());
            mdms.put("openApiSha256", x.specSha256().hex());
            mdms.put("bindingSha256", x.bindingSha256().hex());
            mdms.put("files", "not kept by the results store: compare these hashes with the lab's copies");
            return mdms;
        }).orElse(null));
        m.put("lab", Redaction.apply(run.start().lab()));
        m.put("softwareVersion", run.start().softwareVersion());
        m.put("operator", run.start().operator());
        return m;
    }

    private static Map<String, Object> manifest(RunDetail run, Instant now, Map<String, byte[]> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("runId", run.id().toString());
        m.put("createdAt", now.toString());
        m.put("algorithm", "SHA-256");
        List<Object> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : members.entrySet()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", e.getKey());
            f.put("sha256", Sha256.of(e.getValue()).hex());
            f.put("bytes", e.getValue().length);
            files.add(f);
        }
        m.put("files", files);
        return m;
    }

    private static void put(ZipOutputStream out, String name, byte[] content, Instant time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.from(time));
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    private static byte[] json(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A kind of evidence as part of a file name: letters, digits, '-' and '.' only. */
    private static String safe(String kind) {
        String s = kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
        return s.isEmpty() ? "evidence" : s;
    }
}
