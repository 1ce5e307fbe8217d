package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.MeasuredValue;

/**
 * The report as PDF for people, drawn with PDFBox primitives: a summary page (the run, then the verdict of
 * every position), then each meter on a page or more (identity, a chart of the bench current through each
 * load-switch step, the steps with measurements, limits and units, the findings with their evidence).
 * Text uses the standard Helvetica and Courier fonts; characters they cannot show print as '?'. The run's JSON
 * report is embedded as an associated file ({@link EmbeddedJsonReport}).
 */
final class PdfReport {

    private PdfReport() {
    }

    static byte[] render(RunReport report) {
        try (PDDocument doc = new PDDocument()) {
            Layout out = new Layout(doc);
            summary(out, report);
            for (RunReport.Position p : report.positions()) {
                out.newPage();
                position(out, report, p);
            }
            out.finish("Run " + report.runId() + " - " + report.sequenceName());
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Test report " + report.sequenceName() + " run " + report.runId());
            info.setSubject("verdict " + RunReport.verdictName(report.verdict()));
            info.setAuthor(report.operator());
            info.setCreator("testbench " + report.softwareVersion());
            info.setProducer("testbench (Apache PDFBox)");
            info.setCreationDate(calendar(report.generatedAt()));
            EmbeddedJsonReport.attach(doc, JsonReport.render(report), calendar(report.generatedAt()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF report of run " + report.runId(), e);
        }
    }

    static Calendar calendar(Instant t) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        c.setTimeInMillis(t.toEpochMilli());
        return c;
    }

    private static void summary(Layout out, RunReport r) throws IOException {
        out.text(Layout.BOLD, 18, "Test report: " + r.sequenceName());
        out.gap(4);
        out.verdictLine("Run verdict", r.verdict(), 13);
        out.gap(6);
        out.field("Run", r.runId());
        out.field("Started", r.startedAt() + r.endedAt().map(e -> ", ended " + e).orElse(", not ended"));
        r.note().ifPresent(n -> out.field("Note", n));
        out.field("Lab", r.lab());
        r.bench().ifPresent(b -> out.field("Bench", b));
        out.field("Operator", r.operator());
        out.field("Station", r.station());
        out.field("Software", r.softwareVersion());
        out.field("Sequence", r.sequenceName() + ", SHA-256 " + r.sequenceSha256());
        r.mdms().ifPresentOrElse(m -> {
            out.field("MDMS API", m.apiVersion());
            out.field("  spec", "SHA-256 " + m.specSha256().hex());
            out.field("  binding", "SHA-256 " + m.bindingSha256().hex());
        }, () -> out.field("MDMS API", "none (the sequence does not talk to an MDMS)"));
        out.field("Generated", r.generatedAt().toString());
        out.gap(10);
        long[] counts = new long[Verdict.values().length + 1];
        for (RunReport.Position p : r.positions()) {
            counts[p.verdict().map(Verdict::ordinal).orElse(Verdict.values().length)]++;
        }
        out.text(Layout.BOLD, 12, String.format(Locale.ROOT, "Positions: %d (%d pass, %d fail, %d error, %d aborted%s)",
                r.positions().size(), counts[0], counts[1], counts[2], counts[3],
                counts[4] > 0 ? ", " + counts[4] + " running" : ""));
        out.gap(4);
        float[] cols = {0, 55, 150, 215, 265, 320};
        out.row(Layout.BOLD, 9, cols, "Position", "Meter", "Verdict", "Steps", "Findings", "First finding or message");
        out.rule();
        for (RunReport.Position p : r.positions()) {
            String first = p.findings().stream().findFirst().map(f -> f.type() + ": " + f.message())
                    .orElseGet(() -> p.steps().stream().filter(s -> s.verdict().filter(v -> v != Verdict.PASS).isPresent()
                            || s.verdict().isEmpty()).findFirst().flatMap(RunReport.Step::message).orElse(""));
            out.row(Layout.REGULAR, 9, cols, Integer.toString(p.position()), p.meter().display(),
                    RunReport.verdictName(p.verdict()), Integer.toString(p.steps().size()),
                    Integer.toString(p.findings().size()), first);
            out.colorLast(p.verdict(), cols[2], 9, RunReport.verdictName(p.verdict()));
        }
    }

    private static void position(Layout out, RunReport r, RunReport.Position p) throws IOException {
        out.text(Layout.BOLD, 15, "Position " + p.position() + ": meter " + p.meter().display());
        out.gap(2);
        out.verdictLine("Verdict", p.verdict(), 12);
        out.gap(4);
        out.field("Nameplate", p.meter().nameplate().orElse("-"));
        out.field("Optical port", p.meter().optical().orElse("- (not read)"));
        out.field("MDMS record", p.meter().mdms().orElse("- (not asked)"));
        p.meter().firmware().ifPresent(f -> out.field("Firmware", f));
        out.field("Started", p.startedAt().map(Instant::toString).orElse("never started")
                + p.endedAt().map(e -> ", ended " + e).orElse(""));
        List<RunReport.LoadSwitchCurrent> currents = p.loadSwitchCurrents();
        if (!currents.isEmpty()) {
            out.gap(8);
            out.text(Layout.BOLD, 11, "Bench current through each load-switch step");
            out.chart(currents);
        }
        out.gap(8);
        out.text(Layout.BOLD, 11, "Steps");
        for (RunReport.Step s : p.steps()) {
            out.gap(3);
            out.ensure(30);
            out.text(Layout.BOLD, 9, String.format(Locale.ROOT, "%2d  %s  (%s)", s.index(), s.name(), s.kind()));
            out.colorRight(s.verdict(), 9);
            out.indented(14, Layout.REGULAR, 8, s.startedAt() + s.endedAt().map(e -> " .. " + e).orElse(" .. (running)"));
            if (s.message().isPresent()) {
                out.indented(14, Layout.ITALIC, 8, s.message().get());
            }
            for (RunReport.Measurement m : s.measurements()) {
                String value = m.value() instanceof MeasuredValue.Numeric n
                        ? (n.unit().isEmpty() ? number(n.value()) : number(n.value()) + " " + n.unit())
                        : "\"" + m.value() + "\"";
                out.indented(24, Layout.REGULAR, 8, m.name() + " = " + value
                        + m.limit().map(l -> "   limit: " + l).orElse("") + "   " + m.verdict() + "   " + m.measuredAt());
            }
            for (RunReport.Evidence e : s.evidence()) {
                out.indented(24, Layout.ITALIC, 8, "evidence (" + e.kind() + ", " + e.recordedAt() + "):");
                out.excerpt(34, e.excerpt(), 8);
            }
        }
        out.gap(8);
        out.text(Layout.BOLD, 11, "Findings" + (p.findings().isEmpty() ? ": none" : ""));
        for (RunReport.Finding f : p.findings()) {
            out.gap(3);
            out.indented(0, Layout.BOLD, 9, f.type() + f.stepIndex().map(i -> " (step " + i + ")").orElse("")
                    + "  " + f.recordedAt());
            out.indented(14, Layout.REGULAR, 9, f.message());
            for (String e : f.evidence()) {
                out.excerpt(24, e, 12);
            }
        }
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }

    /** A page cursor: writes lines top to bottom and starts a new page when one is full. */
    private static final class Layout {
        static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        static final PDType1Font ITALIC = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);
        static final float MARGIN = 50;
        static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

        private final PDDocument doc;
        private final WinAnsi encodable = new WinAnsi();
        private PDPageContentStream cs;
        private float y;
        private float lastLineY;

        Layout(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void ensure(float height) throws IOException {
            if (y - height < MARGIN + 10) {
                newPage();
            }
        }

        void gap(float points) {
            y -= points;
        }

        void text(PDType1Font font, float size, String text) throws IOException {
            indented(0, font, size, text);
        }

        void field(String name, String value) {
            try {
                float x = 90;
                List<String> lines = wrap(REGULAR, 9, clean(value), WIDTH - x);
                ensure(lines.size() * 11f);
                y -= 11;
                show(BOLD, 9, MARGIN, y, name);
                for (int i = 0; i < lines.size(); i++) {
                    if (i > 0) {
                        y -= 11;
                    }
                    show(REGULAR, 9, MARGIN + x, y, lines.get(i));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void verdictLine(String label, Optional<Verdict> verdict, float size) throws IOException {
            ensure(size + 4);
            y -= size + 2;
            show(BOLD, size, MARGIN, y, label + ": ");
            float x = MARGIN + BOLD.getStringWidth(label + ": ") / 1000 * size;
            setColor(verdict);
            show(BOLD, size, x, y, RunReport.verdictName(verdict));
            cs.setNonStrokingColor(0f, 0f, 0f);
        }

        /** Wraps to the page width (less the indent), one line after another, with new pages as needed. */
        void indented(float indent, PDType1Font font, float size, String text) throws IOException {
            for (String line : wrap(font, size, clean(text), WIDTH - indent)) {
                ensure(size + 3);
                y -= size + 3;
                lastLineY = y;
                show(font, size, MARGIN + indent, y, line);
            }
        }

        /** Evidence in a fixed-width font, line by line, at most maxLines lines. */
        void excerpt(float indent, String text, int maxLines) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String raw : text.split("\\R")) {
                lines.addAll(wrap(MONO, 7, clean(raw), WIDTH - indent));
            }
            int shown = Math.min(lines.size(), maxLines);
            for (int i = 0; i < shown; i++) {
                ensure(9);
                y -= 9;
                show(MONO, 7, MARGIN + indent, y, lines.get(i));
            }
            if (lines.size() > shown) {
                indented(indent, ITALIC, 7, "(" + (lines.size() - shown) + " more lines in the JSON report)");
            }
        }

        void row(PDType1Font font, float size, float[] cols, String... cells) throws IOException {
            ensure(size + 4);
            y -= size + 4;
            lastLineY = y;
            for (int i = 0; i < cells.length; i++) {
                float width = (i + 1 < cols.length ? cols[i + 1] : WIDTH) - cols[i] - 4;
                show(font, size, MARGIN + cols[i], y, fit(font, size, clean(cells[i]), width));
            }
        }

        /** Paints the verdict cell of the last row again in the verdict's colour. */
        void colorLast(Optional<Verdict> verdict, float x, float size, String text) throws IOException {
            setColor(verdict);
            show(BOLD, size, MARGIN + x, lastLineY, text);
            cs.setNonStrokingColor(0f, 0f, 0f);
        }

        /** The verdict at the right margin of the last line. */
        void colorRight(Optional<Verdict> verdict, float size) throws IOException {
            String text = RunReport.verdictName(verdict);
            float w = BOLD.getStringWidth(text) / 1000 * size;
            setColor(verdict);
            show(BOLD, size, MARGIN + WIDTH - w, lastLineY, text);
            cs.setNonStrokingColor(0f, 0f, 0f);
        }

        void rule() throws IOException {
            y -= 3;
            cs.setLineWidth(0.5f);
            cs.moveTo(MARGIN, y);
            cs.lineTo(MARGIN + WIDTH, y);
            cs.stroke();
        }

        /** A bar per load-switch step: its bench current, coloured by the measurement's verdict. */
        void chart(List<RunReport.LoadSwitchCurrent> points) throws IOException {
            float height = 120;
            float legend = 10f * points.size();
            ensure(height + 40 + legend);
            float left = MARGIN + 40;
            float width = WIDTH - 60;
            float top = y - 10;
            float bottom = top - height;
            double max = points.stream().mapToDouble(RunReport.LoadSwitchCurrent::value).max().orElse(1);
            max = Math.max(max, 0.1) * 1.15;
            String unit = points.get(0).unit();
            cs.setLineWidth(0.7f);
            cs.setStrokingColor(0f, 0f, 0f);
            cs.moveTo(left, top);
            cs.lineTo(left, bottom);
            cs.lineTo(left + width, bottom);
            cs.stroke();
            cs.setLineWidth(0.3f);
            cs.setStrokingColor(0.75f, 0.75f, 0.75f);
            for (int i = 1; i <= 4; i++) {
                float gy = bottom + height * i / 4f;
                cs.moveTo(left, gy);
                cs.lineTo(left + width, gy);
                cs.stroke();
                String label = number(Math.round(max * i / 4 * 1000) / 1000.0);
                show(REGULAR, 7, left - 4 - REGULAR.getStringWidth(label) / 1000 * 7, gy - 2, label);
            }
            show(REGULAR, 7, left - 14, bottom - 2, "0");
            show(BOLD, 7, MARGIN, top + 2, unit.isEmpty() ? "current" : "current / " + unit);
            float slot = width / points.size();
            float bar = Math.min(40, slot * 0.6f);
            for (int i = 0; i < points.size(); i++) {
                RunReport.LoadSwitchCurrent p = points.get(i);
                float h = (float) (Math.max(0, p.value()) / max * height);
                float x = left + slot * i + (slot - bar) / 2;
                setColor(Optional.of(p.verdict()));
                cs.addRect(x, bottom, bar, Math.max(h, 0.8f));
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                String value = number(p.value());
                show(REGULAR, 7, x + bar / 2 - REGULAR.getStringWidth(value) / 1000 * 7 / 2, bottom + h + 2, value);
                String label = "#" + p.stepIndex();
                show(REGULAR, 7, x + bar / 2 - REGULAR.getStringWidth(label) / 1000 * 7 / 2, bottom - 9, label);
            }
            y = bottom - 12;
            for (RunReport.LoadSwitchCurrent p : points) {
                y -= 10;
                show(REGULAR, 7, left, y, fit(REGULAR, 7, clean("#" + p.stepIndex() + "  " + p.stepName() + ": "
                        + number(p.value()) + " " + p.unit() + " (" + p.verdict() + ")"), width));
            }
        }

        private void setColor(Optional<Verdict> verdict) throws IOException {
            if (verdict.isEmpty()) {
                cs.setNonStrokingColor(0.45f, 0.45f, 0.45f);
                return;
            }
            switch (verdict.get()) {
                case PASS -> cs.setNonStrokingColor(0.10f, 0.55f, 0.20f);
                case FAIL -> cs.setNonStrokingColor(0.80f, 0.10f, 0.10f);
                case ERROR -> cs.setNonStrokingColor(0.85f, 0.45f, 0.00f);
                case ABORTED -> cs.setNonStrokingColor(0.45f, 0.45f, 0.45f);
            }
        }

        private void show(PDType1Font font, float size, float x, float at, String text) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, at);
            cs.showText(text);
            cs.endText();
        }

        /** Page numbers and the run in every footer; closes the last page. */
        void finish(String footer) throws IOException {
            cs.close();
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    cs = f;
                    cs.setNonStrokingColor(0.4f, 0.4f, 0.4f);
                    show(REGULAR, 7, MARGIN, MARGIN - 20, fit(REGULAR, 7, clean(footer), WIDTH - 60));
                    String page = "page " + (i + 1) + " of " + n;
                    show(REGULAR, 7, MARGIN + WIDTH - REGULAR.getStringWidth(page) / 1000 * 7, MARGIN - 20, page);
                }
            }
        }

        private String clean(String text) {
            return encodable.clean(text);
        }

        private static String fit(PDType1Font font, float size, String text, float width) throws IOException {
            if (font.getStringWidth(text) / 1000 * size <= width) {
                return text;
            }
            String t = text;
            while (!t.isEmpty() && font.getStringWidth(t + "...") / 1000 * size > width) {
                t = t.substring(0, t.length() - 1);
            }
            return t + "...";
        }

        private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                for (String word : paragraph.split(" ")) {
                    String candidate = line.length() == 0 ? word : line + " " + word;
                    if (font.getStringWidth(candidate) / 1000 * size <= width) {
                        line.setLength(0);
                        line.append(candidate);
                        continue;
                    }
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    String rest = word;
                    while (font.getStringWidth(rest) / 1000 * size > width) {
                        int cut = rest.length() - 1;
                        while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                            cut--;
                        }
                        lines.add(rest.substring(0, cut));
                        rest = rest.substring(cut);
                    }
                    line.append(rest);
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }

    /** What the standard fonts can show (WinAnsiEncoding): other characters become '?', controls a space. */
    private static final class WinAnsi {
        private final java.util.Map<Character, Boolean> known = new java.util.HashMap<>();

        String clean(String text) {
            StringBuilder sb = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    sb.append('\n');
                } else if (c < 0x20 || c == 0x7f) {
                    sb.append(' ');
                } else if (c < 0x7f) {
                    sb.append(c);
                } else {
                    sb.append(known.computeIfAbsent(c, WinAnsi::encodable) ? c : '?');
                }
            }
            return sb.toString();
        }

        private static boolean encodable(char c) {
            try {
                Layout.REGULAR.encode(String.valueOf(c));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }
}
