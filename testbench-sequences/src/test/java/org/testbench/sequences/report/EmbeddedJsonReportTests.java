package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.results.Sha256;

/** The PDF report carries the run's JSON report as an associated file, and verify checks it. */
class EmbeddedJsonReportTests {

    static final char[] PASSWORD = "qa-signing-password".toCharArray();
    static final Instant NOW = Instant.now();

    @TempDir
    static Path dir;
    static EvaluationPki.Created pki;
    static SigningIdentity identity;

    @BeforeAll
    static void createPki() throws Exception {
        pki = EvaluationPki.init(dir.resolve("pki"), PASSWORD, "Testbench evaluation", NOW);
        identity = SigningIdentity.load(pki.signerFile(), PASSWORD, NOW);
    }

    static SignatureVerifier verifier() throws Exception {
        return new SignatureVerifier(SignatureVerifier.readCertificates(pki.caFile()), false);
    }

    @Test
    void thePdfCarriesExactlyWhatTheJsonWriterProducesAsAnAssociatedDataFile() throws Exception {
        RunReport report = ReportFixtures.report();
        byte[] pdf = ReportFormat.PDF.render(report);
        EmbeddedJsonReport.Found found = EmbeddedJsonReport.read(pdf, "run.pdf").orElseThrow();
        assertThat(found.sha256()).isEqualTo(Sha256.of(ReportFormat.JSON.render(report)).hex());
        assertThat(found.runId()).isEqualTo(report.runId());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSArray af = (COSArray) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("AF"));
            COSDictionary spec = (COSDictionary) af.getObject(0);
            assertThat(spec.getNameAsString(COSName.getPDFName("AFRelationship"))).isEqualTo("Data");
            assertThat(spec.getString(COSName.F)).isEqualTo("report.json");
        }
    }

    @Test
    void verifySaysTheSignedPdfCarriesItsJsonReport() throws Exception {
        RunReport report = ReportFixtures.report();
        byte[] signed = identity.signPdf(ReportFormat.PDF.render(report), NOW, "QA", "lab");
        Verification v = verifier().verify(Files.write(dir.resolve("run.pdf"), signed));
        assertThat(v.valid()).as(v.message()).isTrue();
        assertThat(v.notes()).anyMatch(n -> n.startsWith("carries its JSON report report.json (run " + report.runId())
                && n.contains(Sha256.of(ReportFormat.JSON.render(report)).hex()));
    }

    @Test
    void anEmbeddedFileThatIsNotAReportIsNamed() throws Exception {
        byte[] pdf;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.getDocumentInformation().setTitle("Test report x run 5dbdd769-9eef-4fad-8827-e4446cceaaaf");
            EmbeddedJsonReport.attach(doc, "{\"schema\":\"something else\"}".getBytes(StandardCharsets.UTF_8),
                    PdfReport.calendar(NOW));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            pdf = out.toByteArray();
        }
        Path file = Files.write(dir.resolve("odd.pdf"), identity.signPdf(pdf, NOW, "QA", "lab"));
        assertThatThrownBy(() -> verifier().verify(file)).isInstanceOf(ReportException.class)
                .hasMessage(file + ": the embedded report.json is not a Testbench report (schema "
                        + JsonReport.SCHEMA + ")");
    }

    @Test
    void theReportOfAnotherRunIsAnInvalidPdf() throws Exception {
        byte[] pdf;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.getDocumentInformation().setTitle("Test report x run 00000000-0000-0000-0000-000000000000");
            EmbeddedJsonReport.attach(doc, ReportFormat.JSON.render(ReportFixtures.report()), PdfReport.calendar(NOW));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            pdf = out.toByteArray();
        }
        Verification v = verifier().verify(Files.write(dir.resolve("other.pdf"), identity.signPdf(pdf, NOW, "QA", "lab")));
        assertThat(v.valid()).isFalse();
        assertThat(v.message()).startsWith("the embedded report.json is the report of run 5dbdd769");
    }
}
