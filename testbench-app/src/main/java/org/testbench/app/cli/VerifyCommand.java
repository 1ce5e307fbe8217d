package org.testbench.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testbench.sequences.report.BundleVerifier;
import org.testbench.sequences.report.ReportException;
import org.testbench.sequences.report.SignatureVerifier;
import org.testbench.sequences.report.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a signed report: the signature, that nothing changed after signing, and the "
                + "certificate chain up to the CA given with --ca; says who signed and when (from the signature's time "
                + "stamp when it has one), the level reached (B-B, B-T, B-LT, B-LTA) and whether the signer's "
                + "certificate was revoked before or after that time. A PDF carries its signature; any other FILE "
                + "is checked against FILE.p7s; an evidence bundle (ZIP) member by member against its manifest, and "
                + "the manifest against its signature.",
                "Exit 0 valid, 1 invalid or changed, 2 bad input (missing or truncated file, no signature)."},
        footer = {"", "Examples:", "  testbench verify run.pdf --ca pki/ca.pem",
                "  testbench verify run.pdf --ca lab/qa-ca.pem --ca lab/tsa-ca.pem",
                "  testbench verify run.json --ca pki/ca.pem --json"})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A signed PDF, or a file with FILE.p7s next to it.")
    Path file;

    @Option(names = "--ca", paramLabel = "CA.pem", description = "Trust chains that lead to this CA (PEM). Repeat "
            + "it for the signer's CA and the time-stamping authority's. Without it the chain is not checked, and "
            + "the output says so.")
    List<Path> ca;

    @Option(names = "--offline", description = "Judge revocation from the validation data in the file only; do not "
            + "ask the signer's CA for its current CRL or OCSP answer.")
    boolean offline;

    @Option(names = "--json", description = "Print JSON for machines.")
    boolean json;

    @Override
    public Integer call() {
        Verification v;
        try {
            List<java.security.cert.X509Certificate> trusted = new java.util.ArrayList<>();
            for (Path p : ca == null ? List.<Path>of() : ca) {
                trusted.addAll(SignatureVerifier.readCertificates(p));
            }
            SignatureVerifier verifier = new SignatureVerifier(trusted, !offline);
            if (BundleVerifier.isZip(file)) {
                return bundle(new BundleVerifier(verifier).verify(file));
            }
            v = verifier.verify(file);
        } catch (ReportException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", v.file());
            m.put("valid", v.valid());
            m.put("format", v.format());
            m.put("signatureFile", v.signatureFile());
            m.put("signer", v.signer().orElse(null));
            m.put("signerSha256", v.signerFingerprint().orElse(null));
            m.put("issuer", v.issuer().orElse(null));
            m.put("signedAt", v.signedAt().map(Instant::toString).orElse(null));
            m.put("chainChecked", v.chainChecked());
            m.put("level", v.level() == null ? null : v.level().toString());
            m.put("timeStamped", v.timeStamped());
            m.put("timeStampAuthority", v.timeStampAuthority().orElse(null));
            m.put("notes", v.notes());
            m.put("message", v.message());
            out.println(Json.write(m));
        } else {
            out.printf("%s: %s%n", v.valid() ? "VALID" : "INVALID", v.file());
            out.printf("  %s%n", v.message());
            v.signer().ifPresent(s -> out.printf("  signed by %s%n", s));
            v.issuer().ifPresent(s -> out.printf("  issued by %s%n", s));
            v.signerFingerprint().ifPresent(s -> out.printf("  certificate SHA-256 %s%n", s));
            out.printf("  signed at %s%s%n", v.signedAt().map(Instant::toString).orElse("(no signing time)"),
                    v.timeStamped() ? " (time stamp of " + v.timeStampAuthority().orElse("?") + ")"
                            : v.signedAt().isPresent() ? " (claimed by the signer, no time stamp)" : "");
            if (v.level() != null) {
                out.printf("  level %s%n", v.level());
            }
            v.notes().forEach(n -> out.printf("  note: %s%n", n));
        }
        return v.valid() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
    }

    private int bundle(BundleVerifier.Result r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.file().toString());
            m.put("valid", r.valid());
            m.put("format", "bundle");
            m.put("members", r.members());
            m.put("signed", r.signature().isPresent());
            m.put("signer", r.signature().flatMap(Verification::signer).orElse(null));
            m.put("signedAt", r.signature().flatMap(Verification::signedAt).map(Instant::toString).orElse(null));
            m.put("level", r.signature().map(Verification::level).map(Object::toString).orElse(null));
            m.put("timeStamped", r.signature().map(Verification::timeStamped).orElse(false));
            m.put("chainChecked", r.signature().map(Verification::chainChecked).orElse(false));
            m.put("message", r.message());
            out.println(Json.write(m));
        } else {
            out.printf("%s: %s%n", r.valid() ? "VALID" : "INVALID", r.file());
            out.printf("  %s%n", r.message());
            r.signature().ifPresent(v -> {
                v.signer().ifPresent(s -> out.printf("  manifest signed by %s%n", s));
                v.signedAt().ifPresent(t -> out.printf("  signed at %s%s%n", t, v.timeStamped()
                        ? " (time stamp of " + v.timeStampAuthority().orElse("?") + ")" : " (claimed by the signer)"));
                if (v.level() != null) {
                    out.printf("  level %s%n", v.level());
                }
                if (!v.chainChecked()) {
                    out.printf("  note: the signer's chain was not checked (no --ca)%n");
                }
                v.notes().forEach(n -> out.printf("  note: %s%n", n));
            });
        }
        if (!r.valid()) {
            spec.commandLine().getErr().println(r.file() + ": " + r.message());
        }
        return r.valid() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
    }
}
