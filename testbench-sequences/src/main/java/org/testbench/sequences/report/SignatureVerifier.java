package org.testbench.sequences.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks a signed report as {@code testbench verify} does: a PDF's PAdES signature (its byte range covers the
 * whole file, the CMS matches the signed bytes), or a file's detached CMS signature {@code FILE.p7s}; then the
 * signer's certificate (may sign, chain to the given CA, valid when signed).
 *
 * <p>A signature that does not match, a change after signing, an untrusted chain: an invalid {@link Verification}.
 * A file that is missing, truncated, unreadable or has no signature at all: {@link ReportException}.
 */
public final class SignatureVerifier {

    private static final Pattern BYTE_RANGE = Pattern.compile(
            "/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]");

    private final List<X509Certificate> trusted;
    private final boolean online;

    /** @param trusted the CA certificates to anchor chains in; empty to leave trust undecided */
    public SignatureVerifier(List<X509Certificate> trusted) {
        this(trusted, true);
    }

    /**
     * @param online also ask the signer's CA for its current revocation status (its CRL and OCSP responder); when
     *               false, only the validation material in the file counts
     */
    public SignatureVerifier(List<X509Certificate> trusted, boolean online) {
        this.trusted = List.copyOf(trusted);
        this.online = online;
    }

    /** The certificates of a PEM file (one or more). */
    public static List<X509Certificate> readCertificates(Path pem) throws ReportException {
        try (var in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new ReportException(pem + ": holds no certificate");
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new ReportException(pem + ": no such CA file");
        } catch (IOException | CertificateException e) {
            throw new ReportException(pem + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
    }

    public Verification verify(Path file) throws ReportException {
        Path signature = file;
        Path content = file;
        if (file.getFileName().toString().endsWith(".p7s")) {
            String name = file.getFileName().toString();
            content = file.resolveSibling(name.substring(0, name.length() - 4));
        } else if (!isPdf(file)) {
            signature = file.resolveSibling(file.getFileName() + ".p7s");
        }
        byte[] bytes = read(content, "file");
        if (signature.equals(content)) {
            return withEmbeddedReport(verifyPdf(content, bytes), content, bytes);
        }
        if (!Files.exists(signature)) {
            throw new ReportException(content + ": no signature (" + signature.getFileName() + " not found)");
        }
        return verifyCms(content, signature, bytes, read(signature, "signature"), "cms", Optional.empty());
    }

    /**
     * A valid PDF report's embedded JSON report ({@link EmbeddedJsonReport}) must be a report of this project's
     * schema, of the run the PDF names; a PDF made before reports carried it verifies without.
     */
    private static Verification withEmbeddedReport(Verification v, Path file, byte[] bytes) throws ReportException {
        if (!v.valid()) {
            return v;
        }
        Optional<EmbeddedJsonReport.Found> json = EmbeddedJsonReport.read(bytes, file.toString());
        if (json.isEmpty()) {
            return v;
        }
        String title;
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            title = String.valueOf(doc.getDocumentInformation().getTitle());
        } catch (IOException e) {
            title = "";
        }
        if (!title.contains(json.get().runId())) {
            return v.invalid("the embedded " + EmbeddedJsonReport.NAME + " is the report of run " + json.get().runId()
                    + ", not of the run this PDF shows (" + title + ")");
        }
        return v.withNote("carries its JSON report " + EmbeddedJsonReport.NAME + " (run " + json.get().runId() + ", "
                + json.get().json().length + " bytes, SHA-256 " + json.get().sha256() + ")");
    }

    /**
     * Checks a detached CMS signature over content that is not a file of its own (a member of an evidence
     * bundle); {@code name} and {@code signatureName} only label the result.
     */
    public Verification verifyDetached(String name, byte[] content, String signatureName, byte[] signature) {
        return verifyCms(Path.of(name), Path.of(signatureName), content, signature, "cms", Optional.empty());
    }

    private static boolean isPdf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            return Arrays.equals(head, "%PDF-".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf");
        }
    }

    private static byte[] read(Path p, String what) throws ReportException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ReportException(p + ": no such " + what);
        } catch (IOException e) {
            throw new ReportException(p + ": cannot read the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    private Verification verifyPdf(Path file, byte[] bytes) throws ReportException {
        if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
            throw new ReportException(file + ": not a PDF");
        }
        int[] range;
        byte[] contents;
        Optional<Instant> signedAt = Optional.empty();
        ValidationMaterial dss = new ValidationMaterial(List.of(), List.of(), List.of());
        List<PDSignature> timeStamps = new ArrayList<>();
        boolean readable = true;
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            PDSignature sig = null;
            for (PDSignature s : signatures) {
                if (LongTermPdf.SUBFILTER_RFC3161.getName().equals(s.getSubFilter())) {
                    timeStamps.add(s);
                } else {
                    sig = s;
                }
            }
            if (sig == null) {
                throw new ReportException(file + ": no signature in this PDF");
            }
            range = sig.getByteRange();
            checkRange(file, range, bytes.length);
            contents = sig.getContents(bytes);
            if (sig.getSignDate() != null) {
                signedAt = Optional.of(sig.getSignDate().toInstant());
            }
            dss = PdfValidationData.read(doc);
        } catch (ReportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // PDFBox could not read it: a change may have hit the structure. Find the signature by hand.
            readable = false;
            range = rawRange(file, bytes);
            checkRange(file, range, bytes.length);
            contents = rawContents(bytes, range);
        }
        int end = range[2] + range[3];
        byte[] signed = new byte[range[1] + range[3]];
        System.arraycopy(bytes, range[0], signed, 0, range[1]);
        System.arraycopy(bytes, range[2], signed, range[1], range[3]);
        Verification v = verifyCms(file, file, signed, contents, "pdf", signedAt, dss);
        if (end < bytes.length) {
            String change = !readable ? "the document cannot be read"
                    : !new String(bytes, end, bytes.length - end, StandardCharsets.ISO_8859_1).contains("startxref")
                    ? "not a revision" : PdfValidationData.laterChange(bytes, end);
            if (change != null) {
                return v.invalid("the document was changed after signing (" + (bytes.length - end)
                        + " bytes appended after the signed revision: " + change + ")");
            }
        }
        if (!v.valid() || timeStamps.isEmpty()) {
            return v;
        }
        // Document time stamps (B-LTA): each must stamp exactly its byte range.
        Instant last = null;
        for (PDSignature ts : timeStamps) {
            int[] r = ts.getByteRange();
            checkRange(file, r, bytes.length);
            byte[] covered = new byte[r[1] + r[3]];
            System.arraycopy(bytes, r[0], covered, 0, r[1]);
            System.arraycopy(bytes, r[2], covered, r[1], r[3]);
            TimeStampCheck check;
            try {
                check = TimeStampCheck.of(new org.bouncycastle.tsp.TimeStampToken(
                        new CMSSignedData(ts.getContents(bytes))), covered, "document time stamp");
            } catch (IOException | CMSException | org.bouncycastle.tsp.TSPException | RuntimeException e) {
                return v.invalid("a document time stamp cannot be read: " + e.getMessage());
            }
            String problem = check.problem().orElse(null);
            if (problem == null && !trusted.isEmpty()) {
                problem = chainProblem(check.authority(), check.chain(), check.time(), "a document time stamp");
            }
            if (problem != null) {
                return v.invalid(problem);
            }
            last = check.time();
        }
        List<String> notes = new ArrayList<>(v.notes());
        notes.add("the last document time stamp (" + last + ") covers the signature and its validation data");
        SignatureLevel level = v.level() == SignatureLevel.B_LT ? SignatureLevel.B_LTA : v.level();
        return new Verification(true, v.file(), v.format(), v.signatureFile(), v.signer(), v.signerFingerprint(),
                v.issuer(), v.signedAt(), v.chainChecked(), v.message(), level, v.timeStamped(),
                v.timeStampAuthority(), notes);
    }

    private static void checkRange(Path file, int[] range, int length) throws ReportException {
        if (range == null || range.length != 4 || range[0] != 0 || range[1] < 0 || range[2] < range[1]
                || range[3] < 0) {
            throw new ReportException(file + ": the signature has no valid byte range");
        }
        if ((long) range[2] + range[3] > length) {
            throw new ReportException(file + ": truncated (the signature covers " + ((long) range[2] + range[3])
                    + " bytes, the file has " + length + ")");
        }
    }

    private static int[] rawRange(Path file, byte[] bytes) throws ReportException {
        Matcher m = BYTE_RANGE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        int[] found = null;
        while (m.find()) {
            found = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
        }
        if (found == null) {
            throw new ReportException(file + ": not a readable PDF, and no signature found in it");
        }
        return found;
    }

    private static byte[] rawContents(byte[] bytes, int[] range) {
        String hex = new String(bytes, range[1], range[2] - range[1], StandardCharsets.ISO_8859_1)
                .replaceAll("[<>\\s]", "");
        try {
            return HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex + "0");
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private Verification verifyCms(Path file, Path signatureFile, byte[] content, byte[] cmsBytes, String format,
            Optional<Instant> pdfTime) {
        return verifyCms(file, signatureFile, content, cmsBytes, format, pdfTime,
                new ValidationMaterial(List.of(), List.of(), List.of()));
    }

    /**
     * @param embedded validation material the document carries besides the CMS (a PDF's DSS)
     */
    private Verification verifyCms(Path file, Path signatureFile, byte[] content, byte[] cmsBytes, String format,
            Optional<Instant> pdfTime, ValidationMaterial embedded) {
        String name = file.toString();
        String sigName = signatureFile.toString();
        CMSSignedData cms;
        SignerInformation signer;
        X509Certificate cert;
        List<X509Certificate> included = new ArrayList<>();
        List<java.security.cert.X509CRL> crls = new ArrayList<>();
        try {
            cms = new CMSSignedData(new CMSProcessableByteArray(content), cmsBytes);
            var signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return invalid(name, format, sigName, "expected one signer, found " + signers.size());
            }
            signer = signers.iterator().next();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object h : cms.getCertificates().getMatches(null)) {
                included.add(converter.getCertificate((X509CertificateHolder) h));
            }
            for (Object h : cms.getCRLs().getMatches(null)) {
                crls.add(new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(
                        (org.bouncycastle.cert.X509CRLHolder) h));
            }
            var matches = cms.getCertificates().getMatches(signer.getSID());
            if (matches.isEmpty()) {
                return invalid(name, format, sigName, "the signer's certificate is not included in the signature");
            }
            cert = converter.getCertificate((X509CertificateHolder) matches.iterator().next());
        } catch (CMSException | java.security.cert.CRLException | CertificateException | RuntimeException e) {
            return invalid(name, format, sigName, "the signature cannot be read: " + e.getMessage());
        }
        Optional<String> who = Optional.of(cert.getSubjectX500Principal().getName());
        Optional<String> fp = Optional.of(Crypto.fingerprint(cert));
        Optional<String> issuer = Optional.of(cert.getIssuerX500Principal().getName());
        boolean chainChecked = !trusted.isEmpty();
        List<String> notes = new ArrayList<>();
        Optional<Instant> claimed = pdfTime.isPresent() ? pdfTime : signingTime(signer.getSignedAttributes());
        String problem = null;
        // The signature time stamp: the only proof of when the signature existed.
        Optional<TimeStampCheck> stamp = Optional.empty();
        try {
            Optional<org.bouncycastle.tsp.TimeStampToken> token = CadesTimeStamps.signatureTimeStamp(signer);
            if (token.isPresent()) {
                TimeStampCheck check = TimeStampCheck.of(token.get(), signer.getSignature(), "signature time stamp");
                problem = check.problem().orElse(null);
                if (problem == null && chainChecked) {
                    problem = chainProblem(check.authority(), check.chain(), check.time(), "the time-stamping "
                            + "authority");
                }
                stamp = Optional.of(check);
            }
        } catch (ReportException e) {
            problem = e.getMessage();
        }
        Optional<Instant> signedAt = stamp.isPresent() && problem == null ? Optional.of(stamp.get().time()) : claimed;
        SignatureLevel level = stamp.isPresent() && problem == null ? SignatureLevel.B_T : SignatureLevel.B_B;
        Optional<String> tsa = stamp.map(s -> s.authority().getSubjectX500Principal().getName());
        if (problem == null) {
            try {
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(cert))) {
                    problem = "the signature does not match: the content was changed after signing";
                }
            } catch (CMSSignerDigestMismatchException e) {
                problem = "digest mismatch: the content was changed after signing";
            } catch (CMSException | OperatorCreationException | RuntimeException e) {
                problem = "the signature does not verify: " + e.getMessage();
            }
        }
        if (problem == null) {
            problem = signingCertificateProblem(signer.getSignedAttributes(), cert);
        }
        if (problem == null && !SigningIdentity.maySign(cert)) {
            problem = "the signer's certificate is not a signing certificate";
        }
        if (problem == null && chainChecked) {
            problem = chainProblem(cert, included, signedAt.orElse(Instant.now()), null);
        }
        Optional<X509Certificate> issuerCert = issuerOf(cert, included, embedded.certificates());
        ValidationMaterial material = embedded.with(new ValidationMaterial(included, crls, List.of()));
        if (issuerCert.isPresent() && material.coversStatusOf(cert, issuerCert.get()) && level == SignatureLevel.B_T) {
            level = SignatureLevel.B_LT;
        }
        if (problem == null && issuerCert.isPresent()) {
            problem = revocationProblem(cert, issuerCert.get(), material, stamp.isPresent() ? signedAt : Optional.empty(),
                    notes);
        }
        if (problem == null && cert.getNotAfter().toInstant().isBefore(Instant.now())) {
            notes.add("the signer's certificate expired on " + cert.getNotAfter().toInstant()
                    + (stamp.isPresent() ? ", after the time-stamped signing time" : ""));
        }
        if (problem != null) {
            return new Verification(false, name, format, sigName, who, fp, issuer, signedAt, chainChecked, problem,
                    level, stamp.isPresent(), tsa, notes);
        }
        String message = (chainChecked ? "signature valid, content unchanged, certificate chain leads to the CA"
                : "signature valid, content unchanged; certificate chain not checked (no --ca given)")
                + (stamp.isPresent() ? "; signing time proven by a time stamp" : "");
        return new Verification(true, name, format, sigName, who, fp, issuer, signedAt, chainChecked, message,
                level, stamp.isPresent(), tsa, notes);
    }

    private static Optional<X509Certificate> issuerOf(X509Certificate cert, List<X509Certificate> a,
            List<X509Certificate> b) {
        List<X509Certificate> all = new ArrayList<>(a);
        all.addAll(b);
        for (X509Certificate c : all) {
            if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(c.getPublicKey());
                    return Optional.of(c);
                } catch (GeneralSecurityException e) {
                    // same name, another key
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Revoked before the proven signing time: invalid. Revoked after it: valid, with a note. Revoked and no time
     * stamp proves when the signature was made: invalid. Looks at the embedded material and, unless offline, at
     * what the issuer publishes now.
     */
    private String revocationProblem(X509Certificate cert, X509Certificate issuer, ValidationMaterial embedded,
            Optional<Instant> provenTime, List<String> notes) {
        ValidationMaterial material = embedded;
        if (online && !ValidationMaterial.uris(cert, org.bouncycastle.asn1.x509.Extension.cRLDistributionPoints)
                .isEmpty()) {
            try {
                material = material.with(ValidationMaterial.fetch(List.of(cert, issuer), false));
            } catch (ReportException e) {
                notes.add("current revocation status not fetched: " + e.getMessage());
            }
        }
        Optional<Instant> revoked = material.revocationOf(cert, issuer);
        if (revoked.isEmpty()) {
            return null;
        }
        if (provenTime.isEmpty()) {
            return "the signer's certificate was revoked on " + revoked.get() + " and no time stamp proves the "
                    + "signature was made before";
        }
        if (!revoked.get().isAfter(provenTime.get())) {
            return "the signer's certificate was revoked on " + revoked.get() + ", before the time-stamped signing "
                    + "time " + provenTime.get();
        }
        notes.add("the signer's certificate was revoked on " + revoked.get() + ", after the time-stamped signing "
                + "time: the signature stays valid");
        return null;
    }

    private static Verification invalid(String file, String format, String sigFile, String message) {
        return new Verification(false, file, format, sigFile, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, message);
    }

    private static Optional<Instant> signingTime(AttributeTable attributes) {
        if (attributes == null) {
            return Optional.empty();
        }
        Attribute a = attributes.get(CMSAttributes.signingTime);
        if (a == null || a.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        try {
            var v = a.getAttrValues().getObjectAt(0);
            Date d = v instanceof ASN1UTCTime u ? u.getAdjustedDate() : Time.getInstance(v).getDate();
            return Optional.of(d.toInstant());
        } catch (java.text.ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The signing-certificate-v2 attribute, when present, must name the certificate that verified. */
    private static String signingCertificateProblem(AttributeTable attributes, X509Certificate cert) {
        Attribute a = attributes == null ? null : attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (a == null) {
            return null;
        }
        try {
            ESSCertIDv2[] ids = SigningCertificateV2.getInstance(a.getAttrValues().getObjectAt(0)).getCerts();
            if (ids.length > 0 && Arrays.equals(ids[0].getCertHash(), Crypto.sha256(cert.getEncoded()))) {
                return null;
            }
            return "the signing-certificate-v2 attribute names another certificate than the signer's";
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the signing-certificate-v2 attribute cannot be read";
        }
    }

    /** @param who names the certificate's role in the message; null for the signer */
    private String chainProblem(X509Certificate cert, List<X509Certificate> included, Instant at, String who) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : trusted) {
                anchors.add(new TrustAnchor(ca, null));
            }
            List<X509Certificate> path = new ArrayList<>();
            path.add(cert);
            X509Certificate current = cert;
            // Intermediates from the signature, stopping before anything self-signed or trusted.
            for (int depth = 0; depth < 5; depth++) {
                X509Certificate next = null;
                for (X509Certificate c : included) {
                    if (!c.equals(current) && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                            && !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && !trusted.contains(c)) {
                        next = c;
                    }
                }
                if (next == null) {
                    break;
                }
                path.add(next);
                current = next;
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return null;
        } catch (CertPathValidatorException e) {
            return (who == null ? "certificate chain: " : "certificate chain of " + who + ": ")
                    + cert.getSubjectX500Principal().getName() + " is not trusted by the given CA (" + e.getMessage()
                    + ")";
        } catch (GeneralSecurityException e) {
            return "certificate chain cannot be checked: " + e.getMessage();
        }
    }
}
