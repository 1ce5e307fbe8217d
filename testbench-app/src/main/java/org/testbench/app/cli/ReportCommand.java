package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.testbench.app.runs.ReportFiles;
import org.testbench.sequences.report.ReportException;
import org.testbench.sequences.report.ReportFormat;
import org.testbench.sequences.report.RunReport;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunDetail;
import org.testbench.sequences.results.RunId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the report of a recorded run: PDF for people, JSON for machines "
                + "(docs/report.schema.json), JUnit XML for CI; signed with a QA identity if asked (PAdES for PDF, "
                + "a detached CMS signature FILE.p7s otherwise). The signing password comes from "
                + SigningPassword.VARIABLE + " or a prompt.",
                "Nothing half-written is left behind: the file appears only when it is complete."},
        footer = {"", "Examples:", "  testbench report 3f2c1a9e-... --format pdf --out run.pdf --sign pki/qa-signer.p12",
                "  testbench report 3f2c1a9e-... --format junit --out TEST-run.xml"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (testbench results lists them).")
    String runId;

    @Option(names = "--format", required = true, paramLabel = "pdf|json|junit", description = "pdf, json or junit.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report.")
    Path out;

    @Option(names = "--sign", paramLabel = "IDENTITY.p12", description = "Sign with this PKCS#12 QA identity.")
    Path sign;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        ReportFormat reportFormat = ReportFormat.parse(format);
        RunId id;
        try {
            id = RunId.parse(runId);
        } catch (IllegalArgumentException e) {
            throw new UserException("'" + runId + "' is not a run id");
        }
        Instant now = Instant.now();
        try {
            SigningIdentity identity = sign == null ? null
                    : SigningIdentity.load(sign, SigningPassword.resolve("Signing password for " + sign + ": "), now);
            RunDetail run;
            try (ResultStore store = database.open(spec.commandLine().getErr())) {
                run = store.loadRun(id).orElseThrow(() -> new UserException("no run " + runId + " in "
                        + database.display()));
            }
            RunReport report = RunReport.of(run, now);
            List<Path> files = ReportFiles.write(run, reportFormat, out, identity, now);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s report of run %s (%s, %s): %s%n", reportFormat, run.id(), run.start().sequenceName(),
                    RunReport.verdictName(report.verdict()), String.join(" + ", files.stream()
                            .map(Path::toString).toList()));
            if (identity != null) {
                o.printf("signed by %s (certificate SHA-256 %s)%n",
                        identity.certificate().getSubjectX500Principal().getName(), identity.fingerprint());
            }
            return ExitCode.OK;
        } catch (ReportException e) {
            throw new UserException(e.getMessage());
        }
    }
}
