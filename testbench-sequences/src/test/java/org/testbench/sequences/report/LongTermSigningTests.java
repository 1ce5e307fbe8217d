package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.trust.TrustServices;
import org.testbench.lab.trust.TsaBehaviour;

/**
 * Long-term signatures against the virtual lab's trust services: a real RFC 3161 authority over HTTP, a QA CA
 * that publishes a CRL and answers OCSP. openssl and pdfsig judge what they can; {@link DssValidationTests}
 * has the EU DSS library judge the levels.
 */
class LongTermSigningTests {

    static final char[] PASSWORD = "lab-keystore-password".toCharArray();
    static final Instant NOW = Instant.now();

    @TempDir
    static Path dir;
    static TrustServices lab;
    static SigningIdentity identity;
    static byte[] pdf;
    static byte[] json;

    @BeforeAll
    static void startLab() throws Exception {
        lab = TrustServices.start(dir.resolve("lab"), PASSWORD.clone(), TsaBehaviour.CORRECT);
        identity = SigningIdentity.load(lab.signerFile(), PASSWORD, NOW);
        pdf = ReportFormat.PDF.render(ReportFixtures.report());
        json = ReportFormat.JSON.render(ReportFixtures.report());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    static SigningOptions at(SignatureLevel level) {
        return new SigningOptions(level, Optional.of(new TimeStampClient(lab.tsaUrl(), Duration.ofSeconds(10))));
    }

    static SignatureVerifier trusting(boolean online) throws Exception {
        List<X509Certificate> cas = new java.util.ArrayList<>(SignatureVerifier.readCertificates(lab.qaCaFile()));
        cas.addAll(SignatureVerifier.readCertificates(lab.tsaCaFile()));
        return new SignatureVerifier(cas, online);
    }

    @Nested
    class CadesT {
        @Test
        void theDetachedSignatureCarriesATimeStampAndVerifySaysWhenFromIt() throws Exception {
            Path file = Files.write(dir.resolve("t.json"), json);
            Files.write(dir.resolve("t.json.p7s"), identity.signDetached(json, NOW, at(SignatureLevel.B_T)));

            Verification v = trusting(false).verify(file);

            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.level()).isEqualTo(SignatureLevel.B_T);
            assertThat(v.timeStamped()).isTrue();
            assertThat(v.timeStampAuthority()).hasValueSatisfying(s -> assertThat(s).contains("TSA"));
            assertThat(v.signedAt()).hasValueSatisfying(t ->
                    assertThat(t).isBetween(NOW.minusSeconds(1), Instant.now().plusSeconds(1)));
        }

        @Test
        void opensslAcceptsTheSignatureAndItsTimeStamp() throws Exception {
            assumeTrue(ExternalToolsTests.installed("openssl"), "openssl installed");
            Path content = Files.write(dir.resolve("o.json"), json);
            byte[] p7s = identity.signDetached(json, NOW, at(SignatureLevel.B_T));
            Path sig = Files.write(dir.resolve("o.json.p7s"), p7s);
            var cms = ExternalToolsTests.run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
                    sig.toString(), "-content", content.toString(), "-CAfile", lab.qaCaFile().toString(),
                    "-purpose", "any", "-out", "/dev/null");
            assertThat(cms.output()).contains("Verification successful");

            var signer = new CMSSignedData(p7s).getSignerInfos().getSigners().iterator().next();
            Path token = Files.write(dir.resolve("o.tst"),
                    CadesTimeStamps.signatureTimeStamp(signer).orElseThrow().getEncoded());
            Path stamped = Files.write(dir.resolve("o.sigvalue"), signer.getSignature());
            var ts = ExternalToolsTests.run("openssl", "ts", "-verify", "-in", token.toString(), "-token_in",
                    "-data", stamped.toString(), "-CAfile", lab.tsaCaFile().toString());
            assertThat(ts.output()).contains("Verification: OK");

            Path other = Files.write(dir.resolve("o.other"), json);
            var wrong = ExternalToolsTests.run("openssl", "ts", "-verify", "-in", token.toString(), "-token_in",
                    "-data", other.toString(), "-CAfile", lab.tsaCaFile().toString());
            assertThat(wrong.output()).doesNotContain("Verification: OK");
        }

        @Test
        void bLtCarriesTheCrlsInTheSignedData() throws Exception {
            Path file = Files.write(dir.resolve("lt.json"), json);
            byte[] p7s = identity.signDetached(json, NOW, at(SignatureLevel.B_LT));
            Files.write(dir.resolve("lt.json.p7s"), p7s);

            assertThat(new CMSSignedData(p7s).getCRLs().getMatches(null)).isNotEmpty();
            Verification v = trusting(false).verify(file);
            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.level()).isEqualTo(SignatureLevel.B_LT);
        }

        @Test
        void bLtaIsForPdfOnly() {
            assertThatThrownBy(() -> identity.signDetached(json, NOW, at(SignatureLevel.B_LTA)))
                    .isInstanceOf(ReportException.class).hasMessageContaining("PDF");
        }
    }

    @Nested
    class Pades {
        @Test
        void eachLevelIsReachedAndRecognised() throws Exception {
            for (SignatureLevel level : SignatureLevel.values()) {
                SigningOptions options = level == SignatureLevel.B_B ? SigningOptions.basic() : at(level);
                byte[] signed = identity.signPdf(pdf, NOW, "QA test report", "lab", options);
                Path file = Files.write(dir.resolve("level-" + level.externalName() + ".pdf"), signed);

                Verification v = trusting(false).verify(file);

                assertThat(v.valid()).as(level + ": " + v.message()).isTrue();
                assertThat(v.level()).as("level of a " + level + " signature").isEqualTo(level);
                assertThat(v.timeStamped()).isEqualTo(level != SignatureLevel.B_B);
            }
        }

        @Test
        void pdfsigSaysEveryLevelIsValid() throws Exception {
            assumeTrue(ExternalToolsTests.installed("pdfsig") && ExternalToolsTests.installed("certutil"),
                    "pdfsig and certutil installed");
            Path nss = Files.createDirectories(dir.resolve("nss"));
            assertThat(ExternalToolsTests.run("certutil", "-N", "-d", "sql:" + nss, "--empty-password").exit()).isZero();
            for (Path ca : List.of(lab.qaCaFile(), lab.tsaCaFile())) {
                assertThat(ExternalToolsTests.run("certutil", "-A", "-d", "sql:" + nss, "-n", ca.getFileName().toString(),
                        "-t", "CT,C,C", "-i", ca.toString()).exit()).isZero();
            }
            Path file = Files.write(dir.resolve("pdfsig-lta.pdf"),
                    identity.signPdf(pdf, NOW, "QA test report", "lab", at(SignatureLevel.B_LTA)));
            var out = ExternalToolsTests.run("pdfsig", "-nssdir", "sql:" + nss, file.toString());
            // pdfsig exits 0 whatever it finds: its words are the verdict.
            assertThat(out.output()).contains("ETSI.CAdES.detached").contains("Signature is Valid")
                    .doesNotContain("Digest Mismatch");
        }

        @Test
        void signRevokeVerify_theTimeStampedSignatureStaysValid() throws Exception {
            Path p12 = dir.resolve("revoked-later.p12");
            X509Certificate cert = TrustServices.issueSigner(lab.qaCa(), "QA signer revoked later",
                    Duration.ofDays(30), Instant.now(), PASSWORD, p12);
            SigningIdentity soon = SigningIdentity.load(p12, PASSWORD, Instant.now());
            Path lta = Files.write(dir.resolve("revoked-later-lta.pdf"),
                    soon.signPdf(pdf, Instant.now(), "QA", "lab", at(SignatureLevel.B_LTA)));
            Path plain = Files.write(dir.resolve("revoked-later-b.pdf"),
                    soon.signPdf(pdf, Instant.now(), "QA", "lab", SigningOptions.basic()));
            Thread.sleep(1100); // the CRL's times have a resolution of one second
            lab.revoke(cert.getSerialNumber());

            Verification v = trusting(true).verify(lta);
            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.level()).isEqualTo(SignatureLevel.B_LTA);
            assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("revoked").contains("after"));

            Verification b = trusting(true).verify(plain);
            assertThat(b.valid()).as("without a time stamp nothing proves the signature predates the revocation")
                    .isFalse();
            assertThat(b.message()).contains("revoked").contains("no time stamp");
        }

        @Test
        void aSignatureExpiredSinceIsStillValidAtItsTimeStamp() throws Exception {
            Path p12 = dir.resolve("short-lived.p12");
            TrustServices.issueSigner(lab.qaCa(), "QA signer short-lived", Duration.ofSeconds(3), Instant.now(),
                    PASSWORD, p12);
            SigningIdentity brief = SigningIdentity.load(p12, PASSWORD, Instant.now());
            Path file = Files.write(dir.resolve("short-lived.pdf"),
                    brief.signPdf(pdf, Instant.now(), "QA", "lab", at(SignatureLevel.B_LT)));
            while (!brief.certificate().getNotAfter().toInstant().isBefore(Instant.now())) {
                Thread.sleep(250);
            }
            Verification v = trusting(false).verify(file);
            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("expired"));
        }

        @Test
        void aRevokedSignerIsRefusedAtSigningTime() throws Exception {
            Path p12 = dir.resolve("revoked.p12");
            X509Certificate cert = TrustServices.issueSigner(lab.qaCa(), "QA signer revoked", Duration.ofDays(30),
                    Instant.now(), PASSWORD, p12);
            lab.revoke(cert.getSerialNumber());
            SigningIdentity revoked = SigningIdentity.load(p12, PASSWORD, Instant.now());
            assertThatThrownBy(() -> revoked.signPdf(pdf, Instant.now(), "QA", "lab", at(SignatureLevel.B_LT)))
                    .isInstanceOf(ReportException.class).hasMessageContaining("revoked");
        }

        @Test
        void aChangedPageAfterTheSignatureIsCaughtEvenInAnIncrementalUpdate() throws Exception {
            byte[] signed = identity.signPdf(pdf, NOW, "QA", "lab", at(SignatureLevel.B_LT));
            byte[] changed;
            try (PDDocument doc = Loader.loadPDF(signed)) {
                var page = doc.getPage(0);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page,
                        PDPageContentStream.AppendMode.APPEND, false)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 20);
                    cs.showText("PASS");
                    cs.endText();
                }
                page.getCOSObject().setNeedToBeUpdated(true);
                doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.saveIncremental(out);
                changed = out.toByteArray();
            }
            Verification v = trusting(false).verify(Files.write(dir.resolve("changed-page.pdf"), changed));
            assertThat(v.valid()).isFalse();
            assertThat(v.message()).contains("changed after signing");
        }
    }

    @Nested
    class BadTimeStampAuthorities {
        Path labDir(String name) {
            return dir.resolve("bad-" + name);
        }

        String failure(TsaBehaviour behaviour, Duration timeout) throws Exception {
            try (TrustServices bad = TrustServices.start(labDir(behaviour.externalName()), PASSWORD.clone(),
                    behaviour)) {
                SigningOptions options = new SigningOptions(SignatureLevel.B_T,
                        Optional.of(new TimeStampClient(bad.tsaUrl(), timeout)));
                try {
                    identity.signDetached(json, NOW, options);
                } catch (ReportException e) {
                    return e.getMessage();
                }
                throw new AssertionError(behaviour + ": signed anyway");
            }
        }

        @Test
        void garbage() throws Exception {
            assertThat(failure(TsaBehaviour.GARBAGE, Duration.ofSeconds(10)))
                    .contains("not an RFC 3161 time-stamp response").doesNotContain("\n");
        }

        @Test
        void aTimeStampForAnotherDigest() throws Exception {
            assertThat(failure(TsaBehaviour.WRONG_DIGEST, Duration.ofSeconds(10))).contains("another digest");
        }

        @Test
        void aRefusal() throws Exception {
            assertThat(failure(TsaBehaviour.REJECTING, Duration.ofSeconds(10))).contains("refused to stamp");
        }

        @Test
        void tooSlow() throws Exception {
            assertThat(failure(TsaBehaviour.SLOW, Duration.ofSeconds(1))).contains("no answer within 1 s");
        }

        @Test
        void unreachable() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            TimeStampClient nobody = new TimeStampClient(URI.create("http://127.0.0.1:" + port + "/tsa"),
                    Duration.ofSeconds(5));
            assertThatThrownBy(() -> identity.signPdf(pdf, NOW, "QA", "lab",
                    new SigningOptions(SignatureLevel.B_T, Optional.of(nobody))))
                    .isInstanceOf(ReportException.class).hasMessageContaining("unreachable");
        }

        @Test
        void aTimeStampOverOtherBytesIsCaughtWhenVerifying() throws Exception {
            byte[] p7s = identity.signDetached(json, NOW, at(SignatureLevel.B_T));
            byte[] other = identity.signDetached(json, NOW, at(SignatureLevel.B_T));
            // Move the second signature's time stamp onto the first: it stamps another signature value.
            CMSSignedData a = new CMSSignedData(p7s);
            CMSSignedData b = new CMSSignedData(other);
            var sa = a.getSignerInfos().getSigners().iterator().next();
            var sb = b.getSignerInfos().getSigners().iterator().next();
            var swapped = org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(sa, sb.getUnsignedAttributes());
            byte[] forged = CMSSignedData.replaceSigners(a, new org.bouncycastle.cms.SignerInformationStore(swapped))
                    .getEncoded("DER");
            Path file = Files.write(dir.resolve("forged.json"), json);
            Files.write(dir.resolve("forged.json.p7s"), forged);
            Verification v = trusting(false).verify(file);
            assertThat(v.valid()).isFalse();
            assertThat(v.message()).contains("time stamp");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
