package org.testbench.mdms.audit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.audit.Coverage.Figure;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.catalog.SpecSource;

/** The outcome of an audit: findings per operation and for the document, and the overall figures. */
public final class AuditReport {

    private final String title;
    private final String version;
    private final SpecSource source;
    private final int operationCount;
    private final List<AuditFinding> findings;
    private final Map<Figure, Coverage> coverage;

    AuditReport(String title, String version, SpecSource source, int operationCount, List<AuditFinding> findings,
                List<Coverage> coverage) {
        this.title = title;
        this.version = version;
        this.source = Objects.requireNonNull(source, "source");
        this.operationCount = operationCount;
        this.findings = List.copyOf(findings);
        Map<Figure, Coverage> byFigure = new EnumMap<>(Figure.class);
        coverage.forEach(c -> byFigure.put(c.figure(), c));
        this.coverage = java.util.Collections.unmodifiableMap(byFigure);
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    public SpecSource source() {
        return source;
    }

    public int operationCount() {
        return operationCount;
    }

    public List<AuditFinding> findings() {
        return findings;
    }

    /** Findings about one operation. */
    public List<AuditFinding> findingsFor(OperationKey operation) {
        return findings.stream().filter(f -> f.operation().filter(operation::equals).isPresent()).toList();
    }

    /** Findings about the document as a whole (parser warnings, missing security schemes). */
    public List<AuditFinding> documentFindings() {
        return findings.stream().filter(f -> f.operation().isEmpty()).toList();
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public long count(AuditRule rule) {
        return findings.stream().filter(f -> f.rule() == rule).count();
    }

    public Coverage coverage(Figure figure) {
        return coverage.get(figure);
    }

    /** All figures, in checklist order. */
    public List<Coverage> coverage() {
        return List.copyOf(coverage.values());
    }

    /** Whether nothing at ERROR severity was found. */
    public boolean passes() {
        return count(Severity.ERROR) == 0;
    }

    /**
     * The checklist for the vendor, in Markdown: figures, then findings grouped by operation with the
     * line where each operation starts, then what each requirement is for.
     */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Documentation audit: ").append(title).append(' ').append(version).append("\n\n");
        b.append("Source: `").append(source.file().getFileName()).append("` (SHA-256 ").append(source.sha256())
                .append("), ").append(operationCount).append(" operations; ")
                .append(count(Severity.ERROR)).append(" errors, ").append(count(Severity.WARNING)).append(" warnings, ")
                .append(count(Severity.INFO)).append(" notes.\n\n");
        b.append("## Figures\n\n| requirement | operations | share |\n|---|---:|---:|\n");
        for (Coverage c : coverage.values()) {
            b.append("| ").append(c.figure().label()).append(" | ").append(c.count()).append('/').append(c.total())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f %%", c.percent())).append(" |\n");
        }
        if (!documentFindings().isEmpty()) {
            b.append("\n## The document\n\n");
            documentFindings().forEach(f -> b.append("- [ ] **").append(f.severity()).append("** ")
                    .append(f.message()).append('\n'));
        }
        Map<OperationKey, List<AuditFinding>> byOperation = new LinkedHashMap<>();
        for (AuditFinding f : findings) {
            f.operation().ifPresent(op -> byOperation.computeIfAbsent(op, k -> new java.util.ArrayList<>()).add(f));
        }
        if (!byOperation.isEmpty()) {
            b.append("\n## Operations\n");
            byOperation.forEach((op, list) -> {
                Optional<String> line = list.get(0).location().map(l -> " (line " + l.line() + ")");
                b.append("\n### `").append(op).append('`').append(line.orElse("")).append("\n\n");
                list.forEach(f -> b.append("- [ ] **").append(f.severity()).append("** ").append(f.rule().requirement())
                        .append(": ").append(f.message()).append('\n'));
            });
        }
        b.append("\n## Why the lab asks\n\n");
        findings.stream().map(AuditFinding::rule).distinct().sorted().forEach(rule -> b.append("- ")
                .append(rule.requirement()).append(": ").append(rule.why()).append(".\n"));
        return b.toString();
    }

    @Override
    public String toString() {
        return "AuditReport[" + title + " " + version + ": " + operationCount + " operations, "
                + count(Severity.ERROR) + " errors, " + count(Severity.WARNING) + " warnings]";
    }
}
