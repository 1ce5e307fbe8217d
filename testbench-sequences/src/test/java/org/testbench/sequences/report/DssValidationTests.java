package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.trust.TrustServices;
import org.testbench.lab.trust.TsaBehaviour;

/**
 * The EU's DSS library, which nobody here wrote, names the level of each signature we make: PAdES-BASELINE-B
 * to -LTA for PDF, CAdES-BASELINE-T and -LT for the detached CMS. It validates offline, from what the files
 * carry, with the lab's two roots as its only trust anchors.
 */
class DssValidationTests {

    static final char[] PASSWORD = "dss-lab-password".toCharArray();

    @TempDir
    static Path dir;
    static TrustServices lab;
    static SigningIdentity identity;

    @BeforeAll
    static void startLab() throws Exception {
        lab = TrustServices.start(dir.resolve("lab"), PASSWORD.clone(), TsaBehaviour.CORRECT);
        identity = SigningIdentity.load(lab.signerFile(), PASSWORD, Instant.now());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    static SigningOptions at(org.testbench.sequences.report.SignatureLevel level) {
        return level == org.testbench.sequences.report.SignatureLevel.B_B ? SigningOptions.basic()
                : new SigningOptions(level, Optional.of(new TimeStampClient(lab.tsaUrl(), Duration.ofSeconds(10))));
    }

    static SimpleReport validate(SignedDocumentValidator validator) throws Exception {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (Path ca : List.of(lab.qaCaFile(), lab.tsaCaFile())) {
            for (X509Certificate c : SignatureVerifier.readCertificates(ca)) {
                trusted.addCertificate(new CertificateToken(c));
            }
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument().getSimpleReport();
    }

    @Test
    void dssNamesEveryPadesLevelWeMake() throws Exception {
        byte[] pdf = ReportFormat.PDF.render(ReportFixtures.report());
        SignatureLevel[] expected = {SignatureLevel.PAdES_BASELINE_B, SignatureLevel.PAdES_BASELINE_T,
            SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LTA};
        for (var level : org.testbench.sequences.report.SignatureLevel.values()) {
            byte[] signed = identity.signPdf(pdf, Instant.now(), "QA test report", "lab", at(level));
            SimpleReport report = validate(SignedDocumentValidator.fromDocument(new InMemoryDocument(signed)));

            String id = report.getFirstSignatureId();
            assertThat(report.getSignatureFormat(id)).as("DSS's level for our " + level)
                    .isEqualTo(expected[level.ordinal()]);
            assertThat(report.getIndication(id)).as(level + ": " + report.getAdESValidationErrors(id))
                    .isNotEqualTo(Indication.TOTAL_FAILED);
        }
    }

    @Test
    void dssNamesTheCadesLevelsOfTheDetachedSignature() throws Exception {
        byte[] json = ReportFormat.JSON.render(ReportFixtures.report());
        Path content = Files.write(dir.resolve("r.json"), json);
        for (var level : List.of(org.testbench.sequences.report.SignatureLevel.B_T,
                org.testbench.sequences.report.SignatureLevel.B_LT)) {
            byte[] p7s = identity.signDetached(json, Instant.now(), at(level));
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(p7s));
            validator.setDetachedContents(List.of(new FileDocument(content.toFile())));
            SimpleReport report = validate(validator);

            String id = report.getFirstSignatureId();
            assertThat(report.getSignatureFormat(id)).as("DSS's level for our CMS at " + level)
                    .isEqualTo(level == org.testbench.sequences.report.SignatureLevel.B_T
                            ? SignatureLevel.CAdES_BASELINE_T : SignatureLevel.CAdES_BASELINE_LT);
            assertThat(report.getIndication(id)).as(level + ": " + report.getAdESValidationErrors(id))
                    .isNotEqualTo(Indication.TOTAL_FAILED);
        }
    }
}
