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
        description = "The evaluation PKI: a CA, the QA signer of reports and the bench's identity.",
        subcommands = {PkiCommand.Init.class, CommandLine.HelpCommand.class})
final class PkiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates an evaluation CA (DIR/ca.pem) and two identities issued by it, ECDSA P-256, valid "
                    + "2 years: the QA signer of reports (DIR/qa-signer.p12, key usage digitalSignature + "
                    + "nonRepudiation) and the bench's identity (DIR/bench-identity.p12, key usage digitalSignature + "
                    + "keyAgreement, extended key usage clientAuth), which receives the meters' keys from an MDMS "
                    + "(run --identity) and is the client certificate of mutual TLS.",
                    "Both identities' password comes from " + SigningPassword.VARIABLE + " or is asked twice; "
                    + "run reads the bench identity's from TESTBENCH_TLS_PASSWORD or a prompt. "
                    + "The CA's private key is not kept. Existing files are never overwritten.",
                    "For evaluation: a lab that works for real uses identities from its own PKI."},
            footer = {"", "Example:", "  TESTBENCH_SIGNING_PASSWORD=... testbench pki init ~/qa-pki",
                    "  TESTBENCH_TLS_PASSWORD=... testbench run samples/sequences/security-dlms.yaml --lab lab.json "
                            + "--identity ~/qa-pki/bench-identity.p12"})
    static final class Init implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR",
                description = "Directory for ca.pem, qa-signer.p12 and bench-identity.p12.")
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
            out.printf("Bench:     %s  %s, valid until %s%n", created.benchFile(),
                    created.bench().getSubjectX500Principal().getName(), created.bench().getNotAfter().toInstant());
            out.printf("Verify reports with: testbench verify FILE --ca %s%n", created.caFile());
            out.printf("Receive meter keys with: testbench run SEQUENCE --identity %s (password: the same, in "
                    + "TESTBENCH_TLS_PASSWORD)%n", created.benchFile());
            return ExitCode.OK;
        }
    }
}
