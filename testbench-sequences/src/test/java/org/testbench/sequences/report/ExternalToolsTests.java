package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools nobody here wrote agree with our signatures: poppler's pdfsig (with an NSS database holding the CA) and
 * {@code openssl cms -verify}; poppler's pdffonts finds every font of a report embedded. Skipped where the tool is missing ({@code scripts/install-deps.sh} installs them).
 */
class ExternalToolsTests {

    static final char[] PASSWORD = "tools-password".toCharArray();

    @TempDir
    static Path dir;
    static EvaluationPki.Created pki;
    static SigningIdentity identity;

    @BeforeAll
    static void sign() throws Exception {
        pki = EvaluationPki.init(dir.resolve("pki"), PASSWORD, "Testbench evaluation", Instant.now());
        identity = SigningIdentity.load(pki.signerFile(), PASSWORD, Instant.now());
    }

    record Run(int exit, String output) {
    }

    static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pdfsigSaysValidThenDigestMismatchAfterOneChangedByte() throws Exception {
        assumeTrue(installed("pdfsig") && installed("certutil"), "pdfsig and certutil installed");
        Path nss = Files.createDirectories(dir.resolve("nss"));
        assertThat(run("certutil", "-N", "-d", "sql:" + nss, "--empty-password").exit()).isZero();
        assertThat(run("certutil", "-A", "-d", "sql:" + nss, "-n", "testbench-ca", "-t", "CT,C,C", "-i",
                pki.caFile().toString()).exit()).isZero();
        byte[] unsigned = ReportFormat.PDF.render(ReportFixtures.report());
        byte[] signed = identity.signPdf(unsigned, Instant.now(), "QA test report", "lab");
        Path pdf = Files.write(dir.resolve("r.pdf"), signed);

        Run ok = run("pdfsig", "-nssdir", "sql:" + nss, pdf.toString());
        assertThat(ok.output()).contains("Signature is Valid").contains("Certificate is Trusted")
                .contains("ETSI.CAdES.detached");

        byte[] changed = Arrays.copyOf(signed, signed.length);
        changed[unsigned.length / 2] ^= 0x01;
        Run bad = run("pdfsig", "-nssdir", "sql:" + nss, Files.write(dir.resolve("r2.pdf"), changed).toString());
        assertThat(bad.output()).contains("Digest Mismatch");
        assertThat(new SignatureVerifier(List.of(pki.ca())).verify(dir.resolve("r2.pdf")).valid())
                .as("testbench verify agrees").isFalse();
    }

    @Test
    void pdffontsFindsEveryFontEmbedded() throws Exception {
        assumeTrue(installed("pdffonts"), "pdffonts installed");
        Path pdf = Files.write(dir.resolve("fonts.pdf"), ReportFormat.PDF.render(ReportFixtures.report()));

        Run fonts = run("pdffonts", pdf.toString());
        assertThat(fonts.exit()).as(fonts.output()).isZero();
        // name, type, encoding, then the columns emb sub uni and the object id (two numbers)
        List<String> rows = fonts.output().lines().skip(2).filter(l -> !l.isBlank()).toList();
        assertThat(rows).as(fonts.output()).isNotEmpty().allSatisfy(row -> {
            String[] c = row.trim().split("\\s+");
            assertThat(c[c.length - 5]).as("emb: " + row).isEqualTo("yes");
            assertThat(c[c.length - 4]).as("sub: " + row).isEqualTo("yes");
            assertThat(c[c.length - 3]).as("uni: " + row).isEqualTo("yes");
        });
    }

    @Test
    void opensslAcceptsTheJsonSignatureAndRejectsAChangedJson() throws Exception {
        assumeTrue(installed("openssl"), "openssl installed");
        byte[] json = ReportFormat.JSON.render(ReportFixtures.report());
        Path file = Files.write(dir.resolve("r.json"), json);
        Path p7s = Files.write(dir.resolve("r.json.p7s"), identity.signDetached(json, Instant.now()));

        Run ok = run(cms(p7s, file));
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("CMS Verification successful");

        json[json.length / 2] ^= 0x01;
        Files.write(file, json);
        Run bad = run(cms(p7s, file));
        assertThat(bad.exit()).as(bad.output()).isNotZero();
        assertThat(new SignatureVerifier(List.of(pki.ca())).verify(file).valid()).as("testbench verify agrees").isFalse();
    }

    private String[] cms(Path p7s, Path content) {
        List<String> c = new ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
                p7s.toString(), "-content", content.toString(), "-CAfile", pki.caFile().toString(), "-out", "/dev/null"));
        return c.toArray(String[]::new);
    }
}
