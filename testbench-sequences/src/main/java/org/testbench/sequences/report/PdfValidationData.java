package org.testbench.sequences.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Reading a PDF's document security store, and deciding whether the revisions after a signature only added
 * what PAdES allows there: validation data (the DSS) and document time stamps.
 */
final class PdfValidationData {

    /** Catalog entries a long-term update may add or change. */
    private static final Set<String> LONG_TERM_KEYS = Set.of("DSS", "AcroForm");

    private PdfValidationData() {
    }

    static ValidationMaterial read(PDDocument doc) throws IOException {
        COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(LongTermPdf.DSS);
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (byte[] der : LongTermPdf.streams(dss, LongTermPdf.CERTS)) {
                certs.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(der)));
            }
            for (byte[] der : LongTermPdf.streams(dss, LongTermPdf.CRLS)) {
                crls.add((X509CRL) f.generateCRL(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("the document security store holds an unreadable certificate or CRL", e);
        }
        return new ValidationMaterial(certs, crls, LongTermPdf.streams(dss, LongTermPdf.OCSPS));
    }

    /**
     * What the revisions after the signed one changed that a long-term update may not; null when they only
     * added validation data and document time stamps. Compares what a reader sees: the pages' content and
     * resources, and the catalog's entries.
     */
    static String laterChange(byte[] pdf, int signedEnd) {
        try (PDDocument signed = Loader.loadPDF(Arrays.copyOf(pdf, signedEnd)); PDDocument now = Loader.loadPDF(pdf)) {
            if (signed.getNumberOfPages() != now.getNumberOfPages()) {
                return "pages added or removed";
            }
            for (int i = 0; i < signed.getNumberOfPages(); i++) {
                PDPage a = signed.getPage(i);
                PDPage b = now.getPage(i);
                if (!Arrays.equals(a.getContents().readAllBytes(), b.getContents().readAllBytes())) {
                    return "the content of page " + (i + 1) + " changed";
                }
                if (!keys(a.getResources().getCOSObject()).equals(keys(b.getResources().getCOSObject()))) {
                    return "the resources of page " + (i + 1) + " changed";
                }
            }
            COSDictionary before = signed.getDocumentCatalog().getCOSObject();
            COSDictionary after = now.getDocumentCatalog().getCOSObject();
            for (COSName key : after.keySet()) {
                if (LONG_TERM_KEYS.contains(key.getName())) {
                    continue;
                }
                if (!before.containsKey(key) || !String.valueOf(before.getItem(key)).equals(
                        String.valueOf(after.getItem(key)))) {
                    return "the document catalog's " + key.getName() + " changed";
                }
            }
            Set<String> signedRanges = new HashSet<>();
            for (PDSignature s : signed.getSignatureDictionaries()) {
                signedRanges.add(Arrays.toString(s.getByteRange()));
            }
            for (PDSignature s : now.getSignatureDictionaries()) {
                if (!signedRanges.contains(Arrays.toString(s.getByteRange()))
                        && !LongTermPdf.SUBFILTER_RFC3161.getName().equals(s.getSubFilter())) {
                    return "another signature was added";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the revisions cannot be compared (" + e.getMessage() + ")";
        }
    }

    private static Set<String> keys(COSDictionary d) {
        Set<String> out = new HashSet<>();
        for (COSName k : d.keySet()) {
            COSDictionary sub = d.getCOSDictionary(k);
            out.add(k.getName() + (sub == null ? "" : sub.keySet().toString()));
        }
        return out;
    }
}
