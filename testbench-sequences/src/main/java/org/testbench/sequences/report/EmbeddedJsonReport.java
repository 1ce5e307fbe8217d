package org.testbench.sequences.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.testbench.sequences.results.Sha256;

/**
 * The run's JSON report inside its PDF report, as a PDF/A-3 associated file ({@code /AF} of the catalog,
 * {@code /AFRelationship /Data}): one signed file holds what people read and what machines read, and the
 * signature covers both.
 */
final class EmbeddedJsonReport {

    static final String NAME = "report.json";

    /** What a PDF carries: the JSON's bytes, its SHA-256, and the run it names. */
    record Found(byte[] json, String sha256, String runId) {
    }

    private EmbeddedJsonReport() {
    }

    static void attach(PDDocument doc, byte[] json, Calendar at) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(json));
        file.setSubtype("application/json");
        file.setSize(json.length);
        file.setCreationDate(at);
        file.setModDate(at);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(NAME);
        spec.setFileUnicode(NAME);
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription("The run's report for machines (docs/report.schema.json)");
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(NAME, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
        COSArray af = new COSArray();
        af.add(spec.getCOSObject());
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }

    /**
     * @return empty for a PDF without it (a report made before it was added)
     * @throws ReportException when it is there but is not a JSON report of this project's schema
     */
    static Optional<Found> read(byte[] pdf, String where) throws ReportException {
        byte[] json;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> files = tree == null ? null : tree.getNames();
            PDComplexFileSpecification spec = files == null ? null : files.get(NAME);
            if (spec == null || spec.getEmbeddedFile() == null) {
                return Optional.empty();
            }
            json = spec.getEmbeddedFile().toByteArray();
        } catch (IOException e) {
            throw new ReportException(where + ": the embedded " + NAME + " cannot be read (" + e.getMessage() + ")");
        }
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ReportException(where + ": the embedded " + NAME + " is not JSON (" + e.getMessage() + ")");
        }
        if (tree == null || !JsonReport.SCHEMA.equals(tree.path("schema").asText())
                || !tree.path("runId").isTextual() || !tree.path("positions").isArray()) {
            throw new ReportException(where + ": the embedded " + NAME + " is not a Testbench report (schema "
                    + JsonReport.SCHEMA + ")");
        }
        return Optional.of(new Found(json, Sha256.of(json).hex(), tree.path("runId").asText()));
    }
}
