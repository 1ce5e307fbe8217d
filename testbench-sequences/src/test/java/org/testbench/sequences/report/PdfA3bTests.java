package org.testbench.sequences.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.trust.TrustServices;
import org.testbench.lab.trust.TsaBehaviour;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * The PDF report is PDF/A-3b, signed or not, as veraPDF (the PDF Association's validator, which nobody here wrote)
 * judges it against the PDF/A-3B profile; and the writer's own check names what a non-conforming PDF lacks.
 */
class PdfA3bTests {

    static final char[] PASSWORD = "pdfa-lab-password".toCharArray();

    @TempDir
    static Path dir;
    static TrustServices lab;
    static SigningIdentity identity;

    @BeforeAll
    static void startLab() throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        lab = TrustServices.start(dir.resolve("lab"), PASSWORD.clone(), TsaBehaviour.CORRECT);
        identity = SigningIdentity.load(lab.signerFile(), PASSWORD, Instant.now());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    /** veraPDF's failed rules, one line each: empty for a conforming file. */
    static List<String> veraPdfFailures(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_3_B)) {
            PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_3_B, false);
            ValidationResult result = validator.validate(parser);
            List<String> failed = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().collect(Collectors.toList());
            if (!result.isCompliant() && failed.isEmpty()) {
                failed.add("not compliant, no failed rule named");
            }
            assertThat(result.getPDFAFlavour()).isEqualTo(PDFAFlavour.PDFA_3_B);
            return failed;
        }
    }

    @Test
    void theReportIsPdfA3bForVeraPdf() throws Exception {
        byte[] pdf = ReportFormat.PDF.render(ReportFixtures.report());

        assertThat(veraPdfFailures(pdf)).isEmpty();
        assertThat(PdfA3b.violations(pdf)).isEmpty();
    }

    @Test
    void signingAtEveryLevelKeepsItPdfA3b() throws Exception {
        byte[] pdf = ReportFormat.PDF.render(ReportFixtures.report());
        for (SignatureLevel level : SignatureLevel.values()) {
            SigningOptions options = level == SignatureLevel.B_B ? SigningOptions.basic()
                    : new SigningOptions(level, Optional.of(new TimeStampClient(lab.tsaUrl(), Duration.ofSeconds(10))));
            byte[] signed = identity.signPdf(pdf, Instant.now(), "QA test report", "lab", options);

            assertThat(veraPdfFailures(signed)).as("signed at " + level).isEmpty();
        }
    }

    @Test
    void theReportDeclaresWhatPdfA3bAsks() throws Exception {
        RunReport report = ReportFixtures.report();
        byte[] pdf = ReportFormat.PDF.render(report);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDOutputIntent intent = doc.getDocumentCatalog().getOutputIntents().get(0);
            assertThat(intent.getOutputConditionIdentifier()).isEqualTo("sRGB IEC61966-2.1");
            assertThat(LongTermPdf.readAll(intent.getDestOutputIntent())).as("the sRGB ICC profile")
                    .isEqualTo(java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData());

            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            String created = report.generatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            assertThat(xmp).contains("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<xmp:CreateDate>" + created + "</xmp:CreateDate>",
                    doc.getDocumentInformation().getTitle());
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant().toString()).isEqualTo(created);
            assertThat(doc.getDocument().getDocumentID()).hasSize(2);

            COSDictionary spec = (COSDictionary) ((COSArray) doc.getDocumentCatalog().getCOSObject()
                    .getDictionaryObject(COSName.getPDFName("AF"))).getObject(0);
            assertThat(spec.getCOSName(COSName.getPDFName("AFRelationship")).getName()).isEqualTo("Data");
            COSDictionary file = (COSDictionary) spec.getCOSDictionary(COSName.EF).getDictionaryObject(COSName.F);
            assertThat(file.getCOSName(COSName.SUBTYPE).getName()).isEqualTo("application/json");
            assertThat(spec.getString(COSName.UF)).isEqualTo("report.json");
        }
        assertThat(ReportFormat.PDF.render(report)).as("the same report, the same bytes (and file identifier)")
                .isEqualTo(pdf);
    }

    @Test
    void aPdfWithAnUnembeddedFontNoIntentAndNoMetadataIsNamedAsNonConforming() throws Exception {
        byte[] plain;
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.showText("standard 14 font, not embedded");
                cs.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            plain = out.toByteArray();
        }

        assertThat(PdfA3b.violations(plain)).anyMatch(v -> v.startsWith("font Helvetica on page 1 is not embedded"))
                .anyMatch(v -> v.startsWith("no PDF/A output intent"))
                .anyMatch(v -> v.startsWith("no XMP metadata identifying PDF/A-3b"));
        assertThat(veraPdfFailures(plain)).as("veraPDF agrees").isNotEmpty();
    }
}
