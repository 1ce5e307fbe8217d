package org.testbench.sequences.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A QA signing identity from a PKCS#12 file: the private key and its certificate chain. Loading checks that
 * the certificate may sign (key usage digitalSignature or nonRepudiation) and is valid now, so that a report is
 * never signed with a key whose signature would not verify.
 *
 * <p>PDF is signed PAdES baseline B: an incremental update with a signature field of subfilter
 * {@code ETSI.CAdES.detached}, whose CMS carries the signing-certificate-v2 attribute and the certificate chain,
 * and no signing-time attribute (the time is the signature dictionary's {@code /M}, as PAdES requires). Other
 * files get a detached CMS signature ({@code .p7s}, DER) with signing-certificate-v2 and a signing time.
 */
public final class SigningIdentity {

    /** Room reserved in the PDF for the CMS signature, in bytes (the chain of a QA signer fits with margin). */
    private static final int PDF_SIGNATURE_SIZE = 16_384;

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private SigningIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * @param now the certificate must be valid at this time
     * @throws ReportException naming the file: missing, unreadable, wrong password, no private key, a
     *                         certificate that is expired, not yet valid, or not for signing
     */
    public static SigningIdentity load(Path p12, char[] password, Instant now) throws ReportException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(p12)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new ReportException(p12 + ": no such signing identity file");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new ReportException(p12 + ": wrong password for the signing identity", e);
            }
            throw new ReportException(p12 + ": not a readable PKCS#12 signing identity (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ReportException(p12 + ": not a readable PKCS#12 signing identity (" + e.getMessage() + ")", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key k = store.getKey(alias, password);
                Certificate[] certs = store.getCertificateChain(alias);
                if (!(k instanceof PrivateKey pk) || certs == null || certs.length == 0) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : certs) {
                    chain.add((X509Certificate) c);
                }
                check(p12, chain.get(0), now);
                return new SigningIdentity(pk, chain);
            }
        } catch (UnrecoverableKeyException e) {
            throw new ReportException(p12 + ": wrong password for the signing identity's key", e);
        } catch (GeneralSecurityException e) {
            throw new ReportException(p12 + ": cannot read the signing key (" + e.getMessage() + ")", e);
        }
        throw new ReportException(p12 + ": holds no private key with a certificate: not a signing identity");
    }

    private static void check(Path p12, X509Certificate cert, Instant now) throws ReportException {
        String who = "certificate '" + cert.getSubjectX500Principal().getName() + "' in " + p12;
        try {
            cert.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new ReportException(who + " expired on " + cert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new ReportException(who + " is not valid before " + cert.getNotBefore().toInstant());
        }
        if (!maySign(cert)) {
            throw new ReportException(who + " is not a signing certificate (key usage lacks digitalSignature and "
                    + "nonRepudiation)");
        }
    }

    /** Key usage digitalSignature or nonRepudiation (or no key usage extension at all) and not a CA. */
    static boolean maySign(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            return false;
        }
        return cert.getBasicConstraints() < 0;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signer's certificate first, then its issuers as the PKCS#12 file holds them. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** SHA-256 of the signer's certificate: the only trace of key material a report or a message shows. */
    public String fingerprint() {
        return Crypto.fingerprint(certificate());
    }

    /** A detached CMS signature (DER) over the content, with signing-certificate-v2 and this signing time. */
    public byte[] signDetached(byte[] content, Instant signingTime) throws ReportException {
        return cms(content, signingTime);
    }

    /**
     * A detached CMS signature at the level asked: CAdES-T adds a signature time stamp (an unsigned attribute),
     * CAdES B-LT adds the CRLs of the signer's and the time-stamping authority's chains to the SignedData.
     *
     * @throws ReportException also for B-LTA (archive time stamps of detached CMS are not made: use PDF for
     *                         B-LTA), a TSA that fails, or a signer revoked now
     */
    public byte[] signDetached(byte[] content, Instant signingTime, SigningOptions options) throws ReportException {
        if (options.level() == SignatureLevel.B_LTA) {
            throw new ReportException("level b-lta is made for PDF reports only (a document time stamp); a detached "
                    + "CMS signature goes up to b-lt");
        }
        byte[] der = cms(content, signingTime);
        if (!options.level().needsTimeStamps()) {
            return der;
        }
        CMSSignedData stamped = CadesTimeStamps.addSignatureTimeStamp(der, options.tsa().orElseThrow());
        if (options.level() == SignatureLevel.B_LT) {
            stamped = CadesTimeStamps.addRevocationData(stamped, validationMaterial(stamped));
        }
        return CadesTimeStamps.encode(stamped);
    }

    /** The signer's and the time stamp's chains with their CRLs and OCSP answers; refuses a revoked signer. */
    private ValidationMaterial validationMaterial(CMSSignedData stamped) throws ReportException {
        ValidationMaterial signer = ValidationMaterial.fetch(chain, true);
        if (chain.size() > 1) {
            var revoked = signer.revocationOf(certificate(), chain.get(1));
            if (revoked.isPresent()) {
                throw new ReportException("certificate '" + certificate().getSubjectX500Principal().getName()
                        + "' was revoked on " + revoked.get() + ": not signing with it");
            }
        }
        return signer.with(ValidationMaterial.fetch(CadesTimeStamps.timeStampChain(stamped), false));
    }

    /**
     * Signs a PDF as PAdES baseline B with an incremental update: the bytes before it stay as they were.
     *
     * @param reason shown by PDF readers, e.g. "QA test report"
     */
    public byte[] signPdf(byte[] pdf, Instant signingTime, String reason, String location) throws ReportException {
        return signPdf(pdf, signingTime, reason, location, SigningOptions.basic());
    }

    /**
     * Signs a PDF at the level asked: PAdES B-T puts a signature time stamp in the CMS; B-LT then adds the
     * validation material in a document security store (an incremental update); B-LTA then adds a document
     * time stamp over everything.
     */
    public byte[] signPdf(byte[] pdf, Instant signingTime, String reason, String location, SigningOptions options)
            throws ReportException {
        byte[] signed = signPdfAt(pdf, signingTime, reason, location, options);
        if (options.level().compareTo(SignatureLevel.B_LT) >= 0) {
            CMSSignedData cms = CadesTimeStamps.lastSignature(signed);
            signed = LongTermPdf.addValidationData(signed, validationMaterial(cms));
        }
        if (options.level() == SignatureLevel.B_LTA) {
            signed = LongTermPdf.addDocumentTimeStamp(signed, options.tsa().orElseThrow());
        }
        return signed;
    }

    private byte[] signPdfAt(byte[] pdf, Instant signingTime, String reason, String location, SigningOptions options)
            throws ReportException {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions sigOptions = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(commonName(certificate()));
            signature.setReason(reason);
            if (location != null && !location.isBlank()) {
                signature.setLocation(location);
            }
            signature.setSignDate(PdfReport.calendar(signingTime));
            sigOptions.setPreferredSignatureSize(options.level().needsTimeStamps() ? 2 * PDF_SIGNATURE_SIZE
                    : PDF_SIGNATURE_SIZE);
            doc.addSignature(signature, content -> {
                try {
                    byte[] der = cms(content.readAllBytes(), null);
                    return options.level().needsTimeStamps()
                            ? CadesTimeStamps.encode(CadesTimeStamps.addSignatureTimeStamp(der,
                                    options.tsa().orElseThrow()))
                            : der;
                } catch (ReportException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, sigOptions);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * PDF_SIGNATURE_SIZE + 4096);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (ReportException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof ReportException r) {
                throw r;
            }
            throw new ReportException("cannot sign the PDF: " + e.getMessage(), e);
        }
    }

    static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.strip().startsWith("CN=")) {
                return part.strip().substring(3);
            }
        }
        return dn;
    }

    /** @param signingTime null for none (PAdES) */
    private byte[] cms(byte[] content, Instant signingTime) throws ReportException {
        try {
            X509Certificate cert = certificate();
            ContentSigner signer = new JcaContentSignerBuilder(Crypto.signatureAlgorithm(key)).setProvider(Crypto.BC)
                    .build(key);
            JcaSignerInfoGeneratorBuilder info = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build());
            info.setSignedAttributeGenerator(new SignedAttributes(cert, signingTime));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(info.build(signer, cert));
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (OperatorCreationException | CMSException | GeneralSecurityException | IOException e) {
            throw new ReportException("cannot sign with " + certificate().getSubjectX500Principal().getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** content-type, message-digest, signing-certificate-v2 and, only when given, signing-time. */
    private static final class SignedAttributes implements CMSAttributeTableGenerator {
        private final AttributeTable base;
        private final boolean withTime;

        SignedAttributes(X509Certificate cert, Instant signingTime) throws GeneralSecurityException {
            ASN1EncodableVector v = new ASN1EncodableVector();
            ESSCertIDv2 id = new ESSCertIDv2(Crypto.sha256(cert.getEncoded()), new IssuerSerial(
                    new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                    cert.getSerialNumber()));
            v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id}))));
            if (signingTime != null) {
                v.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
            }
            this.base = new AttributeTable(v);
            this.withTime = signingTime != null;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public AttributeTable getAttributes(Map parameters) {
            AttributeTable table = new DefaultSignedAttributeTableGenerator(base).getAttributes(parameters);
            return withTime ? table : table.remove(CMSAttributes.signingTime);
        }
    }

    @Override
    public String toString() {
        return "SigningIdentity[" + certificate().getSubjectX500Principal().getName() + ", sha256 " + fingerprint()
                + ", chain of " + chain.size() + "]";
    }
}
