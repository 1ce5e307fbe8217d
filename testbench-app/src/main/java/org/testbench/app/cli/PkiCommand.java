package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.testbench.sequences.report.EvaluationPki;
import org.testbench.sequences.report.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "The evaluation PKI for QA signatures.",
        subcommands = {PkiCommand.Init.class, CommandLine.HelpCommand.class})
final class PkiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates an evaluation CA (DIR/ca.pem) and a QA signing identity issued by it "
                    + "(DIR/qa-signer.p12, key usage digitalSignature + nonRepudiation, ECDSA P-256, valid 2 years). "
                    + "The identity's password comes from " + SigningPassword.VARIABLE + " or is asked twice. "
                    + "The CA's private key is not kept. Existing files are never overwritten.",
                    "For evaluation: a lab that signs for real uses a signing identity from its own PKI."},
            footer = {"", "Example:", "  TESTBENCH_SIGNING_PASSWORD=... testbench pki init ~/qa-pki"})
    static final class Init implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Directory for ca.pem and qa-signer.p12.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            EvaluationPki.Created created;
            try {
                created = EvaluationPki.init(dir, SigningPassword.resolveNew(), "Testbench evaluation", Instant.now());
            } catch (ReportException e) {
                throw new UserException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("CA:        %s  %s%n", created.caFile(), created.ca().getSubjectX500Principal().getName());
            out.printf("QA signer: %s  %s, valid until %s%n", created.signerFile(),
                    created.signer().getSubjectX500Principal().getName(), created.signer().getNotAfter().toInstant());
            out.printf("Verify reports with: testbench verify FILE --ca %s%n", created.caFile());
            return ExitCode.OK;
        }
    }
}
