package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.MeasuredValue;

/**
 * The report as IEEE 1636.1 (ATML TestResults 6.01), what test executives and quality systems import.
 *
 * <p>A TestResults document describes one unit under test, and a run tests a meter on every position; so the
 * run is one {@code TestResultsCollection} holding one {@code TestResults} per position, as test executives
 * write parallel runs: the meter is the UUT (serial number as the optical port read it, else the nameplate's,
 * else the MDMS's), the run's part on that position is the ResultSet, each step a Test, each measurement a
 * TestResult with its value, unit and limits. Verdicts map onto ATML's three outcomes without losing the
 * distinction FAIL/ERROR: PASS → Passed, FAIL → Failed, ERROR → Aborted with qualifier "ERROR" (the test could
 * not be carried out), ABORTED → Aborted "ABORTED", a step still running → Aborted "RUNNING".
 */
final class AtmlReport {

    static final String TR = "urn:IEEE-1636.1:2013:TestResults";
    static final String TRC = "urn:IEEE-1636.1:2013:TestResultsCollection";
    static final String C = "urn:IEEE-1671:2010:Common";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** Units ATML's {@code standardUnit} names (SI symbols); others go to {@code nonStandardUnit}. */
    private static final Set<String> STANDARD_UNITS = Set.of("A", "V", "W", "Hz", "s", "VA", "var", "Ohm", "J");

    private final XMLStreamWriter w;
    private final RunReport report;

    private AtmlReport(XMLStreamWriter w, RunReport report) {
        this.w = w;
        this.report = report;
    }

    static byte[] render(RunReport r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            new AtmlReport(w, r).collection();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the ATML report of run " + r.runId(), e);
        }
        return out.toByteArray();
    }

    private void collection() throws XMLStreamException {
        nl(0);
        w.setPrefix("trc", TRC);
        w.setPrefix("tr", TR);
        w.setPrefix("c", C);
        w.setPrefix("xsi", XSI);
        w.writeStartElement(TRC, "TestResultsCollection");
        w.writeNamespace("trc", TRC);
        w.writeNamespace("tr", TR);
        w.writeNamespace("c", C);
        w.writeNamespace("xsi", XSI);
        for (RunReport.Position p : report.positions()) {
            testResults(p);
        }
        nl(0);
        w.writeEndElement();
        nl(0);
    }

    private void testResults(RunReport.Position p) throws XMLStreamException {
        nl(1);
        w.writeStartElement(TRC, "TestResults");
        w.writeAttribute("uuid", uuid(p).toString());
        w.writeAttribute("name", text("run " + report.runId() + " position " + p.position()));
        nl(2);
        w.writeStartElement(TR, "Personnel");
        nl(3);
        w.writeEmptyElement(TR, "SystemOperator");
        w.writeAttribute("ID", text(report.operator()));
        w.writeAttribute("name", text(report.operator()));
        nl(2);
        w.writeEndElement();
        resultSet(p);
        testProgram();
        testStation();
        uut(p);
        nl(1);
        w.writeEndElement();
    }

    private void resultSet(RunReport.Position p) throws XMLStreamException {
        nl(2);
        w.writeStartElement(TR, "ResultSet");
        String id = "P" + p.position();
        w.writeAttribute("ID", id);
        w.writeAttribute("name", text(report.sequenceName()));
        w.writeAttribute("startDateTime", p.startedAt().orElse(report.startedAt()).toString());
        p.endedAt().or(report::endedAt).ifPresent(t -> attribute("endDateTime", t.toString()));
        element(3, "Description", "Sequence " + report.sequenceName() + " on position " + p.position() + " of run "
                + report.runId() + " (" + RunReport.verdictName(p.verdict()) + ")");
        events(3, p.findings().stream().filter(f -> f.stepIndex().isEmpty()).toList(), id);
        nl(3);
        w.writeStartElement(TR, "Parameters");
        parameter(4, id + ".runId", "run id", report.runId());
        parameter(4, id + ".position", "position", Integer.toString(p.position()));
        p.meter().nameplate().ifPresent(s -> parameter(4, id + ".nameplateSerial", "meter serial (nameplate)", s));
        p.meter().optical().ifPresent(s -> parameter(4, id + ".opticalSerial", "meter serial (optical port)", s));
        p.meter().mdms().ifPresent(s -> parameter(4, id + ".mdmsSerial", "meter serial (MDMS record)", s));
        p.meter().firmware().ifPresent(s -> parameter(4, id + ".firmware", "meter firmware", s));
        parameter(4, id + ".verdict", "Testbench verdict", RunReport.verdictName(p.verdict()));
        parameter(4, id + ".sequenceSha256", "sequence SHA-256", report.sequenceSha256());
        report.mdms().ifPresent(m -> {
            parameter(4, id + ".mdmsApiVersion", "MDMS API version", m.apiVersion());
            parameter(4, id + ".mdmsSpecSha256", "MDMS OpenAPI SHA-256", m.specSha256().hex());
            parameter(4, id + ".mdmsBindingSha256", "MDMS binding SHA-256", m.bindingSha256().hex());
        });
        nl(3);
        w.writeEndElement();
        outcome(3, p.verdict());
        for (RunReport.Step s : p.steps()) {
            test(p, s, id + ".S" + String.format(Locale.ROOT, "%02d", s.index()));
        }
        nl(2);
        w.writeEndElement();
    }

    private void test(RunReport.Position p, RunReport.Step s, String id) throws XMLStreamException {
        nl(3);
        w.writeStartElement(TR, "Test");
        w.writeAttribute("ID", id);
        w.writeAttribute("name", text(s.name()));
        w.writeAttribute("startDateTime", s.startedAt().toString());
        s.endedAt().ifPresent(t -> attribute("endDateTime", t.toString()));
        w.writeAttribute("testReferenceID", text(s.kind()));
        s.message().ifPresent(m -> element(4, "Description", m));
        events(4, p.findings().stream().filter(f -> f.stepIndex().equals(Optional.of(s.index()))).toList(), id);
        outcome(4, s.verdict());
        int i = 0;
        for (RunReport.Measurement m : s.measurements()) {
            testResult(m, id + ".M" + i++);
        }
        nl(3);
        w.writeEndElement();
    }

    private void testResult(RunReport.Measurement m, String id) throws XMLStreamException {
        nl(4);
        w.writeStartElement(TR, "TestResult");
        w.writeAttribute("ID", id);
        w.writeAttribute("name", text(m.name()));
        outcome(5, Optional.of(m.verdict()));
        Optional<AtmlLimit> limit = m.limit().flatMap(AtmlLimit::parse);
        if (m.limit().isPresent() && limit.isEmpty()) {
            element(5, "Description", "limit: " + m.limit().get());
        }
        nl(5);
        w.writeStartElement(TR, "TestData");
        w.writeAttribute("acquisitionTimeStamp", m.measuredAt().toString());
        if (m.value() instanceof MeasuredValue.Numeric n) {
            datum(6, n.value(), n.unit());
        } else {
            datum(6, m.value().toString());
        }
        nl(5);
        w.writeEndElement();
        if (limit.isPresent()) {
            nl(5);
            w.writeStartElement(TR, "TestLimits");
            nl(6);
            w.writeStartElement(TR, "Limits");
            limit(7, limit.get());
            nl(6);
            w.writeEndElement();
            nl(5);
            w.writeEndElement();
        }
        nl(4);
        w.writeEndElement();
    }

    private void limit(int depth, AtmlLimit limit) throws XMLStreamException {
        if (limit instanceof AtmlLimit.Single s) {
            nl(depth);
            w.writeStartElement(C, "SingleLimit");
            w.writeAttribute("comparator", s.comparator());
            bound(depth + 1, s.bound());
            nl(depth);
            w.writeEndElement();
        } else if (limit instanceof AtmlLimit.Pair p) {
            nl(depth);
            w.writeStartElement(C, "LimitPair");
            w.writeAttribute("operator", "AND");
            for (AtmlLimit.Bound b : List.of(p.min(), p.max())) {
                nl(depth + 1);
                w.writeStartElement(C, "Limit");
                w.writeAttribute("comparator", b == p.min() ? "GE" : "LE");
                bound(depth + 2, b);
                nl(depth + 1);
                w.writeEndElement();
            }
            nl(depth);
            w.writeEndElement();
        } else if (limit instanceof AtmlLimit.Expected e) {
            nl(depth);
            w.writeStartElement(C, "Expected");
            w.writeAttribute("comparator", e.comparator());
            bound(depth + 1, e.expected());
            nl(depth);
            w.writeEndElement();
        }
    }

    private void bound(int depth, AtmlLimit.Bound b) throws XMLStreamException {
        if (b.numeric()) {
            datum(depth, b.number(), b.unit());
        } else {
            datum(depth, b.text());
        }
    }

    private void datum(int depth, double value, String unit) throws XMLStreamException {
        nl(depth);
        w.writeEmptyElement(C, "Datum");
        w.writeAttribute(XSI, "type", "c:double");
        if (!unit.isEmpty()) {
            w.writeAttribute(STANDARD_UNITS.contains(unit) ? "standardUnit" : "nonStandardUnit", text(unit));
        }
        w.writeAttribute("value", Double.toString(value));
    }

    private void datum(int depth, String value) throws XMLStreamException {
        nl(depth);
        w.writeStartElement(C, "Datum");
        w.writeAttribute(XSI, "type", "c:string");
        w.writeStartElement(C, "Value");
        w.writeCharacters(JunitReport.clean(value));
        w.writeEndElement();
        w.writeEndElement();
    }

    private void events(int depth, List<RunReport.Finding> findings, String owner) throws XMLStreamException {
        if (findings.isEmpty()) {
            return;
        }
        nl(depth);
        w.writeStartElement(TR, "Events");
        int i = 0;
        for (RunReport.Finding f : findings) {
            nl(depth + 1);
            w.writeStartElement(TR, "Event");
            w.writeAttribute("ID", owner + ".F" + i++);
            w.writeAttribute("name", f.type().name());
            w.writeAttribute("source", "Testbench");
            w.writeAttribute("timeStamp", f.recordedAt().toString());
            element(depth + 2, "Message", f.message());
            for (String e : f.evidence()) {
                element(depth + 2, "Message", "evidence: " + e);
            }
            nl(depth + 1);
            w.writeEndElement();
        }
        nl(depth);
        w.writeEndElement();
    }

    private void outcome(int depth, Optional<Verdict> verdict) throws XMLStreamException {
        nl(depth);
        w.writeEmptyElement(TR, "Outcome");
        if (verdict.isEmpty()) {
            w.writeAttribute("value", "Aborted");
            w.writeAttribute("qualifier", "RUNNING");
            return;
        }
        switch (verdict.get()) {
            case PASS -> w.writeAttribute("value", "Passed");
            case FAIL -> w.writeAttribute("value", "Failed");
            case ERROR -> {
                w.writeAttribute("value", "Aborted");
                w.writeAttribute("qualifier", "ERROR");
            }
            case ABORTED -> {
                w.writeAttribute("value", "Aborted");
                w.writeAttribute("qualifier", "ABORTED");
            }
        }
    }

    private void parameter(int depth, String id, String name, String value) {
        try {
            nl(depth);
            w.writeStartElement(TR, "Parameter");
            w.writeAttribute("ID", text(id));
            w.writeAttribute("name", name);
            nl(depth + 1);
            w.writeStartElement(TR, "Data");
            datum(depth + 2, value.isBlank() ? "-" : value);
            nl(depth + 1);
            w.writeEndElement();
            nl(depth);
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sequence is the test program: its name, and its SHA-256 as the serial number of this exact version. */
    private void testProgram() throws XMLStreamException {
        nl(2);
        w.writeStartElement(TR, "TestProgram");
        definition(3, "Testbench sequence", report.sequenceName(), Optional.empty());
        element(3, C, "SerialNumber", report.sequenceSha256());
        nl(2);
        w.writeEndElement();
    }

    /** The station is the bench (the lab when the bench is not named), run by this Testbench version. */
    private void testStation() throws XMLStreamException {
        nl(2);
        w.writeStartElement(TR, "TestStation");
        definition(3, report.lab(), "Testbench", Optional.of(report.softwareVersion()));
        element(3, C, "SerialNumber", report.bench().orElse(report.lab()));
        nl(2);
        w.writeEndElement();
    }

    private void uut(RunReport.Position p) throws XMLStreamException {
        nl(2);
        w.writeStartElement(TR, "UUT");
        definition(3, "electricity meter on position " + p.position(), "electricity meter", p.meter().firmware());
        element(3, C, "SerialNumber", p.meter().display().equals("?") ? "unknown" : p.meter().display());
        nl(2);
        w.writeEndElement();
    }

    private void definition(int depth, String description, String model, Optional<String> version)
            throws XMLStreamException {
        nl(depth);
        w.writeStartElement(C, "Definition");
        element(depth + 1, C, "Description", description);
        nl(depth + 1);
        w.writeStartElement(C, "Identification");
        version.ifPresent(v -> element(depth + 2, C, "Version", v));
        element(depth + 2, C, "ModelName", model);
        nl(depth + 1);
        w.writeEndElement();
        nl(depth);
        w.writeEndElement();
    }

    private void element(int depth, String name, String value) {
        element(depth, TR, name, value);
    }

    private void element(int depth, String namespace, String name, String value) {
        try {
            nl(depth);
            w.writeStartElement(namespace, name);
            w.writeCharacters(text(value));
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attribute(String name, String value) {
        try {
            w.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void nl(int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** ATML's NonBlankString: never empty; XML-clean. */
    private static String text(String value) {
        String v = JunitReport.clean(value == null ? "" : value).strip();
        return v.isEmpty() ? "-" : v;
    }

    /** The same run and position always get the same document uuid, so a re-export replaces, not duplicates. */
    private UUID uuid(RunReport.Position p) {
        return UUID.nameUUIDFromBytes(("testbench-atml:" + report.runId() + ":" + p.position())
                .getBytes(StandardCharsets.UTF_8));
    }
}
