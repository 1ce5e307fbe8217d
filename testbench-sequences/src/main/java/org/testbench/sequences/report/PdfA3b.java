package org.testbench.sequences.report;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.testbench.sequences.results.Sha256;

/**
 * PDF/A-3b (ISO 19005-3, level B) for the PDF report: what the standard asks beyond a plain PDF is declared here,
 * and a written report is checked for it before anyone gets it.
 *
 * <p>Declared: an sRGB output intent (the report draws in DeviceRGB, which PDF/A allows only under an RGB output
 * intent; the ICC profile is the JDK's own sRGB profile), the XMP metadata stream with the PDF/A identification
 * ({@code pdfaid:part 3}, {@code pdfaid:conformance B}) and the document information mirrored as PDF/A requires
 * ({@code dc:title}, {@code dc:creator}, {@code dc:description}, {@code xmp:CreateDate}, {@code xmp:ModifyDate},
 * {@code xmp:CreatorTool}, {@code pdf:Producer}), and the file identifier. The fonts are embedded by
 * {@link ReportFonts}, the JSON report is an associated file by {@link EmbeddedJsonReport}.
 *
 * <p>Signatures and validation data are later incremental updates: they add no font, no colour and no metadata,
 * so a report signed at any level keeps conforming.
 */
final class PdfA3b {

    static final String SRGB = "sRGB IEC61966-2.1";

    private static final COSName AF = COSName.getPDFName("AF");
    private static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");
    private static final COSName GTS_PDFA1 = COSName.getPDFName("GTS_PDFA1");

    private PdfA3b() {
    }

    /**
     * Declares PDF/A-3b in a document whose information dictionary is filled: its dates are truncated to the
     * second, as the information dictionary keeps them, so that the XMP says exactly the same.
     */
    static void declare(PDDocument doc, Instant createdAt, String identity) throws IOException {
        doc.setVersion(1.7f);
        PDDocumentInformation info = doc.getDocumentInformation();
        Instant at = createdAt.truncatedTo(ChronoUnit.SECONDS);
        info.setCreationDate(PdfReport.calendar(at));
        info.setModificationDate(PdfReport.calendar(at));

        PDOutputIntent intent = new PDOutputIntent(doc,
                new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setInfo(SRGB);
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);

        PDMetadata metadata = new PDMetadata(doc, new ByteArrayInputStream(xmp(info, at)));
        doc.getDocumentCatalog().setMetadata(metadata);

        // The identifier is derived from what the report is of, so the same report rendered twice has the same one.
        byte[] id = new byte[16];
        System.arraycopy(HexFormat.of().parseHex(Sha256.ofUtf8(identity).hex()), 0, id, 0, id.length);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        doc.getDocument().setDocumentID(ids);
    }

    private static byte[] xmp(PDDocumentInformation info, Instant at) {
        String date = DateTimeFormatter.ISO_INSTANT.format(at);
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
                .append("   <pdfaid:part>3</pdfaid:part>\n")
                .append("   <pdfaid:conformance>B</pdfaid:conformance>\n")
                .append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
                .append("   <dc:format>application/pdf</dc:format>\n");
        if (info.getTitle() != null) {
            x.append("   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getTitle()))
                    .append("</rdf:li></rdf:Alt></dc:title>\n");
        }
        if (info.getAuthor() != null) {
            x.append("   <dc:creator><rdf:Seq><rdf:li>").append(escape(info.getAuthor()))
                    .append("</rdf:li></rdf:Seq></dc:creator>\n");
        }
        if (info.getSubject() != null) {
            x.append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(info.getSubject()))
                    .append("</rdf:li></rdf:Alt></dc:description>\n");
        }
        x.append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
                .append("   <xmp:CreateDate>").append(date).append("</xmp:CreateDate>\n")
                .append("   <xmp:ModifyDate>").append(date).append("</xmp:ModifyDate>\n");
        if (info.getCreator() != null) {
            x.append("   <xmp:CreatorTool>").append(escape(info.getCreator())).append("</xmp:CreatorTool>\n");
        }
        x.append("  </rdf:Description>\n")
                .append("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
        if (info.getProducer() != null) {
            x.append("   <pdf:Producer>").append(escape(info.getProducer())).append("</pdf:Producer>\n");
        }
        x.append("  </rdf:Description>\n")
                .append(" </rdf:RDF>\n")
                .append("</x:xmpmeta>\n")
                .append("<?xpacket end=\"w\"?>");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** XML text: markup characters escaped, characters XML 1.0 cannot hold dropped. */
    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /**
     * The PDF/A-3b elements a written report must carry, checked in the saved bytes (font subsets exist only
     * once the document is saved).
     *
     * @return what is missing or forbidden, one sentence each; empty when the report conforms in these respects
     */
    static List<String> violations(byte[] pdf) throws IOException {
        List<String> found = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            PDMetadata metadata = doc.getDocumentCatalog().getMetadata();
            String xmp = metadata == null ? "" : new String(metadata.toByteArray(), StandardCharsets.UTF_8);
            if (!xmp.contains("<pdfaid:part>3</pdfaid:part>") || !xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")) {
                found.add("no XMP metadata identifying PDF/A-3b (pdfaid:part 3, pdfaid:conformance B)");
            }
            boolean intent = doc.getDocumentCatalog().getOutputIntents().stream()
                    .anyMatch(i -> GTS_PDFA1.equals(i.getCOSObject().getCOSName(COSName.S))
                            && i.getDestOutputIntent() != null);
            if (!intent) {
                found.add("no PDF/A output intent with an ICC profile");
            }
            COSArray id = doc.getDocument().getDocumentID();
            if (id == null || id.size() != 2) {
                found.add("no file identifier (trailer /ID)");
            }
            Set<COSBase> seen = new HashSet<>();
            int pageNumber = 0;
            for (PDPage page : doc.getPages()) {
                pageNumber++;
                resources(page.getResources(), "page " + pageNumber, found, seen);
            }
            COSArray af = catalog.getCOSArray(AF);
            int associated = af == null ? 0 : af.size();
            for (int i = 0; i < associated; i++) {
                COSBase b = af.getObject(i);
                if (!(b instanceof COSDictionary spec) || spec.getCOSName(AF_RELATIONSHIP) == null) {
                    found.add("associated file " + (i + 1) + " has no /AFRelationship");
                    continue;
                }
                COSDictionary ef = spec.getCOSDictionary(COSName.EF);
                COSBase stream = ef == null ? null : ef.getDictionaryObject(COSName.F);
                if (!(stream instanceof COSDictionary file) || file.getCOSName(COSName.SUBTYPE) == null
                        || spec.getString(COSName.UF) == null) {
                    found.add("associated file " + spec.getString(COSName.F)
                            + " lacks its MIME type (/Subtype) or its Unicode name (/UF)");
                }
            }
        }
        return found;
    }

    private static void resources(PDResources resources, String where, List<String> found, Set<COSBase> seen)
            throws IOException {
        if (resources == null || !seen.add(resources.getCOSObject())) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (!font.isEmbedded()) {
                found.add("font " + font.getName() + " on " + where + " is not embedded");
            }
        }
        for (COSName name : resources.getExtGStateNames()) {
            PDExtendedGraphicsState gs = resources.getExtGState(name);
            COSDictionary d = gs.getCOSObject();
            if (below1(d, COSName.CA) || below1(d, COSName.CA_NS)
                    || (d.getDictionaryObject(COSName.SMASK) != null && !COSName.NONE.equals(d.getDictionaryObject(COSName.SMASK)))) {
                found.add("graphics state " + name.getName() + " on " + where + " is transparent");
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                resources(form.getResources(), where, found, seen);
            }
        }
    }

    private static boolean below1(COSDictionary d, COSName key) {
        COSBase v = d.getDictionaryObject(key);
        return v instanceof org.apache.pdfbox.cos.COSNumber n && n.floatValue() < 1f;
    }
}
