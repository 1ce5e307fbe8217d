package org.testbench.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.testbench.sequences.report.LongTermArchive;
import org.testbench.sequences.report.ReportException;
import org.testbench.sequences.report.TimeStampClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "extend", mixinStandardHelpOptions = true,
        description = {"Renews a signed PDF report's long-term evidence: adds the current validation material "
                + "(certificates, CRLs, OCSP answers of every signature and time stamp in it) and a new document "
                + "time stamp over everything, so that it stays verifiable after the last time stamp's authority "
                + "certificate expires. Do it before that date; the file is replaced only when complete.",
                "Exit 0 extended, 2 bad input (not a signed PDF, TSA failure)."},
        footer = {"", "Example:", "  testbench report extend run.pdf --tsa http://127.0.0.1:8090/tsa"})
final class ReportExtendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A signed PDF report.")
    Path file;

    @Option(names = "--tsa", required = true, paramLabel = "URL", description = "The RFC 3161 time-stamping authority.")
    String tsa;

    @Override
    public Integer call() {
        try {
            LongTermArchive.Extension e = LongTermArchive.extend(file, TimeStampClient.of(tsa));
            spec.commandLine().getOut().printf("%s extended: %s; new document time stamp at %s%n", file,
                    e.summary(), e.timeStampedAt());
            return ExitCode.OK;
        } catch (ReportException e) {
            throw new UserException(e.getMessage());
        }
    }
}
