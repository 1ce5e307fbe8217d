package org.testbench.sequences.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Renewing a signed PDF's long-term evidence ({@code testbench report extend}): the validation material of every
 * signature and time stamp in it, as published now, and a new document time stamp over all of it.
 */
public final class LongTermArchive {

    /** What an extension added. */
    public record Extension(int certificates, int crls, int ocspResponses, Instant timeStampedAt) {
        public String summary() {
            return certificates + " certificate(s), " + crls + " CRL(s), " + ocspResponses + " OCSP answer(s) added";
        }
    }

    private LongTermArchive() {
    }

    /** Extends the file in place (temporary file, then move). */
    public static Extension extend(Path file, TimeStampClient tsa) throws ReportException {
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReportException(file + ": no such file");
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (pdf.length < 5 || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
            throw new ReportException(file + ": not a PDF (extend renews signed PDF reports)");
        }
        List<X509Certificate> chains = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            if (signatures.isEmpty()) {
                throw new ReportException(file + ": no signature in this PDF: nothing to extend");
            }
            for (PDSignature s : signatures) {
                CMSSignedData cms = new CMSSignedData(s.getContents(pdf));
                if (LongTermPdf.SUBFILTER_RFC3161.getName().equals(s.getSubFilter())) {
                    chains.addAll(CadesTimeStamps.certificates(new TimeStampToken(cms)));
                } else {
                    for (Object h : cms.getCertificates().getMatches(null)) {
                        chains.add(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                                .getCertificate((org.bouncycastle.cert.X509CertificateHolder) h));
                    }
                    chains.addAll(CadesTimeStamps.timeStampChain(cms));
                }
            }
        } catch (ReportException e) {
            throw e;
        } catch (IOException | CMSException | TSPException | java.security.cert.CertificateException
                 | RuntimeException e) {
            throw new ReportException(file + ": the signatures cannot be read (" + e.getMessage() + ")", e);
        }
        ValidationMaterial material = ValidationMaterial.fetch(chains, false);
        byte[] withData = LongTermPdf.addValidationData(pdf, material);
        byte[] stamped = LongTermPdf.addDocumentTimeStamp(withData, tsa);
        Instant at;
        try (PDDocument doc = Loader.loadPDF(stamped)) {
            List<PDSignature> all = doc.getSignatureDictionaries();
            PDSignature last = all.get(all.size() - 1);
            at = new TimeStampToken(new CMSSignedData(last.getContents(stamped))).getTimeStampInfo().getGenTime()
                    .toInstant();
        } catch (IOException | CMSException | TSPException e) {
            throw new ReportException(file + ": the new time stamp cannot be read back (" + e.getMessage() + ")", e);
        }
        try {
            AtomicFiles.write(Map.of(file, stamped));
        } catch (IOException e) {
            throw new ReportException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        return new Extension(material.certificates().size(), material.crls().size(),
                material.ocspResponses().size(), at);
    }
}
