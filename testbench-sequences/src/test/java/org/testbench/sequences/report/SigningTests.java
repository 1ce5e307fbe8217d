package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningTests {

    static final char[] PASSWORD = "qa-signing-password".toCharArray();
    static final Instant NOW = Instant.now();

    @TempDir
    static Path dir;
    static EvaluationPki.Created pki;
    static SigningIdentity identity;
    static byte[] pdf;
    static byte[] json;

    @BeforeAll
    static void createPki() throws Exception {
        pki = EvaluationPki.init(dir.resolve("pki"), PASSWORD, "Testbench evaluation", NOW);
        identity = SigningIdentity.load(pki.signerFile(), PASSWORD, NOW);
        pdf = ReportFormat.PDF.render(ReportFixtures.report());
        json = ReportFormat.JSON.render(ReportFixtures.report());
    }

    static SignatureVerifier withCa() throws Exception {
        return new SignatureVerifier(SignatureVerifier.readCertificates(pki.caFile()));
    }

    static byte[] flip(byte[] content, int at) {
        byte[] copy = Arrays.copyOf(content, content.length);
        copy[at] ^= 0x01;
        return copy;
    }

    @Nested
    class Pki {
        @Test
        void createsACaAndASignerWithSigningKeyUsage() {
            assertThat(pki.caFile()).exists().content().startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(pki.ca().getBasicConstraints()).isGreaterThanOrEqualTo(0);
            boolean[] usage = pki.signer().getKeyUsage();
            assertThat(usage[0]).as("digitalSignature").isTrue();
            assertThat(usage[1]).as("nonRepudiation").isTrue();
            assertThat(pki.signer().getIssuerX500Principal()).isEqualTo(pki.ca().getSubjectX500Principal());
            assertThat(identity.chain()).hasSize(2);
        }

        @Test
        void createsABenchIdentityThatMayAgreeKeysAndAuthenticateAClient() throws Exception {
            X509Certificate bench = pki.bench();
            boolean[] usage = bench.getKeyUsage();
            assertThat(usage[0]).as("digitalSignature").isTrue();
            assertThat(usage[1]).as("nonRepudiation").isFalse();
            assertThat(usage[4]).as("keyAgreement").isTrue();
            assertThat(bench.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
            assertThat(bench.getPublicKey().getAlgorithm()).isEqualTo("EC");
            bench.verify(pki.ca().getPublicKey());
            assertThat(pki.benchFile()).hasFileName("bench-identity.p12");
            assertThat(Files.getPosixFilePermissions(pki.benchFile())).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(pki.benchFile())) {
                store.load(in, PASSWORD);
            }
            assertThat(store.getCertificate(EvaluationPki.BENCH_ALIAS)).isEqualTo(bench);
            assertThat(store.getCertificateChain(EvaluationPki.BENCH_ALIAS)).hasSize(2);
        }

        @Test
        void refusesToOverwrite() {
            assertThatThrownBy(() -> EvaluationPki.init(dir.resolve("pki"), PASSWORD, "x", NOW))
                    .isInstanceOf(ReportException.class).hasMessageContaining("already exists");
        }
    }

    @Nested
    class BadIdentities {
        @Test
        void wrongPassword() {
            assertThatThrownBy(() -> SigningIdentity.load(pki.signerFile(), "wrong".toCharArray(), NOW))
                    .isInstanceOf(ReportException.class).hasMessage(pki.signerFile() + ": wrong password for the signing identity");
        }

        @Test
        void missingFile() {
            assertThatThrownBy(() -> SigningIdentity.load(dir.resolve("nope.p12"), PASSWORD, NOW))
                    .isInstanceOf(ReportException.class).hasMessageContaining("no such signing identity file");
        }

        @Test
        void expiredCertificate() throws Exception {
            Path p12 = issue("expired.p12", NOW.minus(Duration.ofDays(400)), Duration.ofDays(30),
                    KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
            assertThatThrownBy(() -> SigningIdentity.load(p12, PASSWORD, NOW)).isInstanceOf(ReportException.class)
                    .hasMessageContaining("expired on");
        }

        @Test
        void certificateNotForSigning() throws Exception {
            Path p12 = issue("encipher.p12", NOW, Duration.ofDays(30), KeyUsage.keyEncipherment);
            assertThatThrownBy(() -> SigningIdentity.load(p12, PASSWORD, NOW)).isInstanceOf(ReportException.class)
                    .hasMessageContaining("is not a signing certificate");
        }

        private Path issue(String name, Instant from, Duration validity, int usage) throws Exception {
            KeyPair ca = EvaluationPki.ecKeyPair();
            X509Certificate caCert = EvaluationPki.certificate(new X500Name("CN=test CA"), ca, null, ca, from,
                    validity.plusDays(1), true, KeyUsage.keyCertSign);
            KeyPair keys = EvaluationPki.ecKeyPair();
            X509Certificate cert = EvaluationPki.certificate(new X500Name("CN=" + name), keys, caCert, ca, from,
                    validity, false, usage);
            return Files.write(dir.resolve(name), EvaluationPki.pkcs12(EvaluationPki.ALIAS, keys,
                    new X509Certificate[] {cert, caCert}, PASSWORD));
        }
    }

    @Nested
    class DetachedCms {
        @Test
        void roundTripsAndSaysWhoSignedAndWhen() throws Exception {
            Path file = dir.resolve("round.json");
            Files.write(file, json);
            Files.write(dir.resolve("round.json.p7s"), identity.signDetached(json, NOW));

            Verification v = withCa().verify(file);

            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.chainChecked()).isTrue();
            assertThat(v.signer()).hasValueSatisfying(s -> assertThat(s).contains("QA signer"));
            assertThat(v.signerFingerprint()).contains(identity.fingerprint());
            assertThat(v.signedAt()).isPresent();
            assertThat(withCa().verify(dir.resolve("round.json.p7s")).valid()).as("given the .p7s").isTrue();
        }

        @Test
        void detectsOneChangedByte() throws Exception {
            Path file = dir.resolve("tampered.json");
            Files.write(dir.resolve("tampered.json.p7s"), identity.signDetached(json, NOW));
            Files.write(file, flip(json, json.length / 2));

            Verification v = withCa().verify(file);

            assertThat(v.valid()).isFalse();
            assertThat(v.message()).contains("changed after signing");
        }

        @Test
        void missingSignatureIsBadInput() throws Exception {
            Path file = Files.write(dir.resolve("unsigned.json"), json);
            assertThatThrownBy(() -> withCa().verify(file)).isInstanceOf(ReportException.class)
                    .hasMessageContaining("no signature");
        }

        @Test
        void withoutCaTheChainIsNotChecked() throws Exception {
            Path file = Files.write(dir.resolve("noca.json"), json);
            Files.write(dir.resolve("noca.json.p7s"), identity.signDetached(json, NOW));
            Verification v = new SignatureVerifier(List.of()).verify(file);
            assertThat(v.valid()).isTrue();
            assertThat(v.chainChecked()).isFalse();
            assertThat(v.message()).contains("not checked");
        }

        @Test
        void anotherCaIsNotTrusted() throws Exception {
            EvaluationPki.Created other = EvaluationPki.init(dir.resolve("other"), PASSWORD, "Other", NOW);
            Path file = Files.write(dir.resolve("other.json"), json);
            Files.write(dir.resolve("other.json.p7s"), identity.signDetached(json, NOW));
            Verification v = new SignatureVerifier(List.of(other.ca())).verify(file);
            assertThat(v.valid()).isFalse();
            assertThat(v.message()).contains("not trusted");
        }
    }

    @Nested
    class Pades {
        @Test
        void roundTrips() throws Exception {
            byte[] signed = identity.signPdf(pdf, NOW, "QA test report", "Meter lab 2");
            assertThat(Arrays.copyOf(signed, pdf.length)).as("incremental: the original bytes stay").isEqualTo(pdf);
            Path file = Files.write(dir.resolve("signed.pdf"), signed);

            Verification v = withCa().verify(file);

            assertThat(v.valid()).as(v.message()).isTrue();
            assertThat(v.format()).isEqualTo("pdf");
            assertThat(v.signedAt()).isPresent();
            assertThat(v.signer()).hasValueSatisfying(s -> assertThat(s).contains("QA signer"));
        }

        @Test
        void detectsOneChangedByteInTheSignedRevision() throws Exception {
            byte[] signed = identity.signPdf(pdf, NOW, "QA test report", null);
            Path file = Files.write(dir.resolve("tampered.pdf"), flip(signed, pdf.length / 2));

            Verification v = withCa().verify(file);

            assertThat(v.valid()).isFalse();
        }

        @Test
        void detectsAnAppendedRevision() throws Exception {
            byte[] signed = identity.signPdf(pdf, NOW, "QA test report", null);
            byte[] appended = Arrays.copyOf(signed, signed.length + 10);
            System.arraycopy("\n%%EOF   \n".getBytes(), 0, appended, signed.length, 10);
            Verification v = withCa().verify(Files.write(dir.resolve("appended.pdf"), appended));
            assertThat(v.valid()).isFalse();
            assertThat(v.message()).contains("changed after signing");
        }

        @Test
        void truncatedPdfIsBadInput() throws Exception {
            byte[] signed = identity.signPdf(pdf, NOW, "QA test report", null);
            Path file = Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(signed, signed.length - 200));
            assertThatThrownBy(() -> withCa().verify(file)).isInstanceOf(ReportException.class);
        }

        @Test
        void unsignedPdfIsBadInput() throws Exception {
            Path file = Files.write(dir.resolve("unsigned.pdf"), pdf);
            assertThatThrownBy(() -> withCa().verify(file)).isInstanceOf(ReportException.class)
                    .hasMessageContaining("no signature");
        }

        @Test
        void missingFileIsBadInput() {
            assertThatThrownBy(() -> withCa().verify(dir.resolve("nothing.pdf"))).isInstanceOf(ReportException.class)
                    .hasMessageContaining("no such file");
        }
    }
}
