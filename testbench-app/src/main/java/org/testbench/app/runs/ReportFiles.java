package org.testbench.app.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testbench.sequences.report.AtomicFiles;
import org.testbench.sequences.report.EvidenceBundle;
import org.testbench.sequences.report.ReportException;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.RunReport;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.report.SigningOptions;
import org.testbench.sequences.results.RunDetail;

/**
 * A recorded run's report written to a file, signed when an identity is given: PAdES inside a PDF, a
 * detached CMS signature {@code FILE.p7s} next to any other format. All files appear complete or not at all.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** @return the files written, the report first */
    public static List<Path> write(RunDetail run, ReportFormat format, Path target, SigningIdentity identity,
                                   Instant now) throws ReportException, IOException {
        return write(run, format, target, identity, SigningOptions.basic(), now);
    }

    /**
     * @param options the signature level and the time-stamping authority (ignored without an identity)
     * @return the files written, the report first
     */
    public static List<Path> write(RunDetail run, ReportFormat format, Path target, SigningIdentity identity,
                                   SigningOptions options, Instant now) throws ReportException, IOException {
        RunReport report = RunReport.of(run, now);
        byte[] content = format.render(report);
        Map<Path, byte[]> files = new LinkedHashMap<>();
        Path out = target.toAbsolutePath();
        if (identity == null) {
            files.put(out, content);
        } else if (format == ReportFormat.PDF) {
            files.put(out, identity.signPdf(content, now, "QA test report of run " + run.id(), report.lab(),
                    options));
        } else {
            files.put(out, content);
            files.put(out.resolveSibling(out.getFileName() + ".p7s"), identity.signDetached(content, now, options));
        }
        AtomicFiles.write(files);
        return List.copyOf(files.keySet());
    }

    /**
     * The run's evidence bundle (a ZIP with a signed manifest when an identity is given), written to a temporary
     * file and moved into place.
     */
    public static Path writeBundle(RunDetail run, Path target, SigningIdentity identity, SigningOptions options,
                                   Instant now) throws ReportException, IOException {
        Path out = target.toAbsolutePath();
        AtomicFiles.write(Map.of(out, EvidenceBundle.build(run, now, identity, options)));
        return out;
    }
}
