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
import org.testbench.sequences.report.SignatureLevel;
import org.testbench.sequences.report.SigningIdentity;
import org.testbench.sequences.report.SigningOptions;
import org.testbench.sequences.report.TimeStampClient;
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
                + "(docs/report.schema.json), JUnit XML for CI, IEEE 1636.1 ATML TestResults 6.01 for test executives and quality systems, "
                + "or a sealed evidence bundle (ZIP); signed with a QA identity if asked (PAdES for PDF, "
                + "a detached CMS signature FILE.p7s otherwise). The signing password comes from "
                + SigningPassword.VARIABLE + " or a prompt.",
                "With --tsa the signature carries an RFC 3161 time stamp (PAdES B-T, CAdES-T); --level b-lt adds the "
                + "certificates, CRLs and OCSP answers that prove it valid later, b-lta (PDF) a document time stamp "
                + "over all of it (docs/signed-reports.md).",
                "Nothing half-written is left behind: the file appears only when it is complete."},
        subcommands = ReportExtendCommand.class,
        footer = {"", "Examples:", "  testbench report 3f2c1a9e-... --format pdf --out run.pdf --sign pki/qa-signer.p12",
                "  testbench report 3f2c1a9e-... --format pdf --out run.pdf --sign qa.p12 --tsa http://tsa.example/ "
                        + "--level b-lta",
                "  testbench report extend run.pdf --tsa http://tsa.example/",
                "  testbench report 3f2c1a9e-... --format junit --out TEST-run.xml"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // Not required by picocli so that `report extend` can do without them; call() insists.
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "The run (testbench results lists "
            + "them).")
    String runId;

    @Option(names = "--format", paramLabel = "pdf|json|junit|atml|bundle", description = "pdf, json, junit, atml or "
            + "bundle (required).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (required).")
    Path out;

    @Option(names = "--tsa", paramLabel = "URL", description = "Time-stamp the signature at this RFC 3161 "
            + "time-stamping authority (the virtual lab's is in its endpoints file under tsa.url).")
    String tsa;

    @Option(names = "--level", paramLabel = "b-b|b-t|b-lt|b-lta", description = "The signature's baseline level "
            + "(default: b-t with --tsa, b-b without). b-lta is for PDF.")
    String level;

    @Option(names = "--sign", paramLabel = "IDENTITY.p12", description = "Sign with this PKCS#12 QA identity.")
    Path sign;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        if (runId == null || format == null || out == null) {
            throw new UserException("report needs RUN_ID, --format and --out (or: report extend FILE --tsa URL)");
        }
        if (sign == null && (tsa != null || level != null)) {
            throw new UserException("--tsa and --level need --sign IDENTITY.p12");
        }
        boolean bundle = format.strip().equalsIgnoreCase("bundle");
        ReportFormat reportFormat;
        try {
            reportFormat = bundle ? null : ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage().replace(")", ", bundle)"));
        }
        RunId id;
        try {
            id = RunId.parse(runId);
        } catch (IllegalArgumentException e) {
            throw new UserException("'" + runId + "' is not a run id");
        }
        Instant now = Instant.now();
        try {
            SigningOptions options = SigningOptions.of(level, tsa == null ? null : TimeStampClient.of(tsa));
            if (options.level() == SignatureLevel.B_LTA && reportFormat != ReportFormat.PDF) {
                throw new UserException("--level b-lta is for PDF reports (a document time stamp); use b-lt for "
                        + (bundle ? "bundle" : reportFormat));
            }
            SigningIdentity identity = sign == null ? null
                    : SigningIdentity.load(sign, SigningPassword.resolve("Signing password for " + sign + ": "), now);
            RunDetail run;
            try (ResultStore store = database.open(spec.commandLine().getErr())) {
                run = store.loadRun(id).orElseThrow(() -> new UserException("no run " + runId + " in "
                        + database.display()));
            }
            RunReport report = RunReport.of(run, now);
            List<Path> files = bundle ? List.of(ReportFiles.writeBundle(run, out, identity, options, now))
                    : ReportFiles.write(run, reportFormat, out, identity, options, now);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s report of run %s (%s, %s): %s%n", bundle ? "bundle" : reportFormat, run.id(),
                    run.start().sequenceName(),
                    RunReport.verdictName(report.verdict()), String.join(" + ", files.stream()
                            .map(Path::toString).toList()));
            if (identity != null) {
                o.printf("signed by %s (certificate SHA-256 %s)%n",
                        identity.certificate().getSubjectX500Principal().getName(), identity.fingerprint());
                o.printf("level %s%s%n", options.level(), options.tsa().map(t -> ", time-stamped by " + t.url())
                        .orElse(""));
            }
            return ExitCode.OK;
        } catch (ReportException e) {
            throw new UserException(e.getMessage());
        }
    }
}
