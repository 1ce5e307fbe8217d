package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.testbench.sequences.outcome.Verdict;

/**
 * The report as JUnit XML, the de-facto format CI servers read: one {@code testsuite} per position (named
 * after position and meter), one {@code testcase} per step. FAIL becomes {@code failure}, ERROR
 * {@code error}, ABORTED (and a step still running) {@code skipped}; measurements and findings go to
 * {@code system-out}.
 */
final class JunitReport {

    private JunitReport() {
    }

    static byte[] render(RunReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            int tests = 0;
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            for (RunReport.Position p : r.positions()) {
                for (RunReport.Step s : p.steps()) {
                    tests++;
                    switch (kind(s.verdict())) {
                        case "failure" -> failures++;
                        case "error" -> errors++;
                        case "skipped" -> skipped++;
                        default -> { }
                    }
                }
            }
            w.writeStartElement("testsuites");
            w.writeAttribute("name", clean(r.sequenceName() + " run " + r.runId()));
            w.writeAttribute("tests", Integer.toString(tests));
            w.writeAttribute("failures", Integer.toString(failures));
            w.writeAttribute("errors", Integer.toString(errors));
            w.writeAttribute("skipped", Integer.toString(skipped));
            w.writeAttribute("time", seconds(r.startedAt(), r.endedAt()));
            w.writeAttribute("timestamp", r.startedAt().toString());
            w.writeCharacters("\n");
            for (RunReport.Position p : r.positions()) {
                suite(w, r, p);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML report of run " + r.runId(), e);
        }
        return out.toByteArray();
    }

    private static void suite(XMLStreamWriter w, RunReport r, RunReport.Position p) throws XMLStreamException {
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (RunReport.Step s : p.steps()) {
            switch (kind(s.verdict())) {
                case "failure" -> failures++;
                case "error" -> errors++;
                case "skipped" -> skipped++;
                default -> { }
            }
        }
        String suiteName = "position " + p.position() + " meter " + p.meter().display();
        w.writeCharacters("  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", clean(suiteName));
        w.writeAttribute("tests", Integer.toString(p.steps().size()));
        w.writeAttribute("failures", Integer.toString(failures));
        w.writeAttribute("errors", Integer.toString(errors));
        w.writeAttribute("skipped", Integer.toString(skipped));
        p.startedAt().ifPresent(t -> attribute(w, "timestamp", t.toString()));
        w.writeAttribute("time", p.startedAt().map(t -> seconds(t, p.endedAt())).orElse("0"));
        w.writeCharacters("\n    ");
        w.writeStartElement("properties");
        property(w, "runId", r.runId());
        property(w, "position", Integer.toString(p.position()));
        property(w, "meter", p.meter().display());
        property(w, "sequence", r.sequenceName());
        property(w, "sequenceSha256", r.sequenceSha256());
        property(w, "operator", r.operator());
        property(w, "station", r.station());
        property(w, "softwareVersion", r.softwareVersion());
        r.mdms().ifPresent(m -> property(w, "mdmsApiVersion", m.apiVersion()));
        property(w, "verdict", RunReport.verdictName(p.verdict()));
        w.writeCharacters("\n    ");
        w.writeEndElement();
        for (RunReport.Step s : p.steps()) {
            w.writeCharacters("\n    ");
            w.writeStartElement("testcase");
            w.writeAttribute("classname", clean(r.sequenceName() + ".position" + p.position()));
            w.writeAttribute("name", clean(String.format(Locale.ROOT, "%02d %s", s.index(), s.name())));
            w.writeAttribute("time", seconds(s.startedAt(), s.endedAt()));
            String kind = kind(s.verdict());
            if (!kind.isEmpty()) {
                w.writeCharacters("\n      ");
                w.writeStartElement(kind);
                String message = s.message().orElse(RunReport.verdictName(s.verdict()));
                w.writeAttribute("message", clean(message));
                if (!kind.equals("skipped")) {
                    w.writeAttribute("type", RunReport.verdictName(s.verdict()));
                    w.writeCharacters(clean(message));
                }
                w.writeEndElement();
            }
            StringBuilder out = new StringBuilder();
            out.append(s.kind()).append(' ').append(RunReport.verdictName(s.verdict())).append('\n');
            for (RunReport.Measurement m : s.measurements()) {
                out.append(m.name()).append(" = ").append(m.value())
                        .append(m.limit().map(l -> " (limit " + l + ")").orElse("")).append(' ')
                        .append(m.verdict()).append(" at ").append(m.measuredAt()).append('\n');
            }
            for (RunReport.Finding f : p.findings()) {
                if (f.stepIndex().equals(Optional.of(s.index()))) {
                    out.append("finding ").append(f.type()).append(": ").append(f.message()).append('\n');
                    f.evidence().forEach(e -> out.append("  evidence: ").append(e).append('\n'));
                }
            }
            w.writeCharacters("\n      ");
            w.writeStartElement("system-out");
            w.writeCharacters(clean(out.toString()));
            w.writeEndElement();
            w.writeCharacters("\n    ");
            w.writeEndElement();
        }
        if (p.findings().stream().anyMatch(f -> f.stepIndex().isEmpty())) {
            StringBuilder out = new StringBuilder();
            p.findings().stream().filter(f -> f.stepIndex().isEmpty()).forEach(f -> out.append("finding ")
                    .append(f.type()).append(": ").append(f.message()).append('\n'));
            w.writeCharacters("\n    ");
            w.writeStartElement("system-out");
            w.writeCharacters(clean(out.toString()));
            w.writeEndElement();
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    /** "failure", "error", "skipped", or "" for a pass. */
    static String kind(Optional<Verdict> verdict) {
        if (verdict.isEmpty()) {
            return "skipped";
        }
        return switch (verdict.get()) {
            case PASS -> "";
            case FAIL -> "failure";
            case ERROR -> "error";
            case ABORTED -> "skipped";
        };
    }

    /** XML 1.0 cannot carry most control characters (an IEC identification has STX): they become \\uXXXX. */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c);
            if (!ok && sb == null) {
                sb = new StringBuilder(text.substring(0, i));
            }
            if (sb != null) {
                if (ok) {
                    sb.append(c);
                } else {
                    sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static void property(XMLStreamWriter w, String name, String value) {
        try {
            w.writeCharacters("\n      ");
            w.writeEmptyElement("property");
            w.writeAttribute("name", name);
            w.writeAttribute("value", clean(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void attribute(XMLStreamWriter w, String name, String value) {
        try {
            w.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String seconds(Instant from, Optional<Instant> to) {
        return to.map(t -> String.format(Locale.ROOT, "%.3f", Duration.between(from, t).toMillis() / 1000.0))
                .orElse("0");
    }
}
