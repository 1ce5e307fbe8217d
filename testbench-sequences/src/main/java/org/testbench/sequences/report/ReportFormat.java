package org.testbench.sequences.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a report is rendered in, as {@code --format} names them. */
public enum ReportFormat {
    /** For people: a summary page, then each meter, with a chart of the load-switch currents. */
    PDF,
    /** For machines: {@code docs/report.schema.json}. */
    JSON,
    /** For CI: one test case per position and step. */
    JUNIT,
    /** For test executives and quality systems: IEEE 1636.1 ATML TestResults 6.01, one per position. */
    ATML;

    /**
     * @throws IllegalArgumentException naming the text and the formats known
     */
    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + text + "' (expected: "
                + Arrays.stream(values()).map(ReportFormat::toString).collect(Collectors.joining(", ")) + ")");
    }

    /** Renders the report, unsigned. */
    public byte[] render(RunReport report) {
        return switch (this) {
            case PDF -> PdfReport.render(report);
            case JSON -> JsonReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case ATML -> AtmlReport.render(report);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
