package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * The PAdES long-term additions, each an incremental update that leaves the signed bytes as they were:
 * the document security store (DSS: certificates, CRLs, OCSP answers) of B-LT, and the document time stamp
 * (subfilter {@code ETSI.RFC3161}) of B-LTA.
 */
final class LongTermPdf {

    static final COSName DSS = COSName.getPDFName("DSS");
    static final COSName CERTS = COSName.getPDFName("Certs");
    static final COSName CRLS = COSName.getPDFName("CRLs");
    static final COSName OCSPS = COSName.getPDFName("OCSPs");
    static final COSName SUBFILTER_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    /** Room for a document time-stamp token with its authority's chain. */
    private static final int TIMESTAMP_SIZE = 12_288;

    private LongTermPdf() {
    }

    /** Adds the material to the document's DSS (creating it, or adding to the one there). */
    static byte[] addValidationData(byte[] pdf, ValidationMaterial material) throws ReportException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                catalog.setItem(DSS, dss);
            }
            for (X509Certificate c : material.certificates()) {
                add(dss, CERTS, c.getEncoded());
            }
            for (X509CRL crl : material.crls()) {
                add(dss, CRLS, crl.getEncoded());
            }
            for (byte[] ocsp : material.ocspResponses()) {
                add(dss, OCSPS, ocsp);
            }
            dss.setNeedToBeUpdated(true);
            catalog.setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_384);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException | CertificateEncodingException | CRLException e) {
            throw new ReportException("cannot add the validation data to the PDF: " + e.getMessage(), e);
        }
    }

    private static void add(COSDictionary dss, COSName key, byte[] der) throws IOException {
        COSArray array = dss.getCOSArray(key);
        if (array == null) {
            array = new COSArray();
            dss.setItem(key, array);
        }
        for (COSBase existing : array) {
            if (existing instanceof org.apache.pdfbox.cos.COSObject o && o.getObject() instanceof COSStream s
                    && java.util.Arrays.equals(readAll(s), der)) {
                return;
            }
        }
        COSStream stream = new COSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(der);
        }
        stream.setNeedToBeUpdated(true);
        array.add(stream);
        array.setNeedToBeUpdated(true);
    }

    static byte[] readAll(COSStream s) throws IOException {
        try (var in = s.createInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Adds a document time stamp over the whole document as it is (PAdES B-LTA, and each extension). */
    static byte[] addDocumentTimeStamp(byte[] pdf, TimeStampClient tsa) throws ReportException {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setType(COSName.DOC_TIME_STAMP);
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(SUBFILTER_RFC3161);
            options.setPreferredSignatureSize(TIMESTAMP_SIZE);
            doc.addSignature(signature, content -> {
                try {
                    return tsa.stamp(content.readAllBytes()).getEncoded();
                } catch (ReportException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * TIMESTAMP_SIZE + 4096);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            if (e.getCause() instanceof ReportException r) {
                throw r;
            }
            throw new ReportException("cannot add the document time stamp: " + e.getMessage(), e);
        }
    }

    /** The certificates a document's DSS holds, for a verifier. */
    static List<byte[]> streams(COSDictionary dss, COSName key) throws IOException {
        COSArray array = dss == null ? null : dss.getCOSArray(key);
        if (array == null) {
            return List.of();
        }
        List<byte[]> out = new java.util.ArrayList<>();
        for (COSBase b : array) {
            COSBase o = b instanceof org.apache.pdfbox.cos.COSObject obj ? obj.getObject() : b;
            if (o instanceof COSStream s) {
                out.add(readAll(s));
            }
        }
        return out;
    }
}
