package org.testbench.sequences.report;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.CollectionStore;

/** The CAdES parts of a CMS signature: its signature time stamp (CAdES-T) and its revocation data (B-LT). */
final class CadesTimeStamps {

    private CadesTimeStamps() {
    }

    /** Stamps the signer's signature value and attaches the token as the signature-time-stamp attribute. */
    static CMSSignedData addSignatureTimeStamp(byte[] der, TimeStampClient tsa) throws ReportException {
        CMSSignedData cms = parse(der);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        TimeStampToken token = tsa.stamp(signer.getSignature());
        try {
            ASN1EncodableVector attributes = signer.getUnsignedAttributes() == null ? new ASN1EncodableVector()
                    : signer.getUnsignedAttributes().toASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token.getEncoded()))));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer,
                    new AttributeTable(attributes));
            return CMSSignedData.replaceSigners(cms, new SignerInformationStore(stamped));
        } catch (IOException e) {
            throw new ReportException("cannot attach the time stamp: " + e.getMessage(), e);
        }
    }

    /** The signature time stamp of the (single) signer, when there is one. */
    static Optional<TimeStampToken> signatureTimeStamp(SignerInformation signer) throws ReportException {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute a = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (a == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TimeStampToken(ContentInfo.getInstance(a.getAttrValues().getObjectAt(0))));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new ReportException("the signature time stamp cannot be read: " + e.getMessage(), e);
        }
    }

    /** The certificates of the time stamp of the (single) signer: the TSA's chain, as the token carries it. */
    static List<X509Certificate> timeStampChain(CMSSignedData cms) throws ReportException {
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        Optional<TimeStampToken> token = signatureTimeStamp(signer);
        return token.isEmpty() ? List.of() : certificates(token.get());
    }

    static List<X509Certificate> certificates(TimeStampToken token) throws ReportException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object h : token.getCertificates().getMatches(null)) {
                out.add(converter.getCertificate((X509CertificateHolder) h));
            }
        } catch (CertificateException e) {
            throw new ReportException("the time stamp's certificates cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** The SignedData with the material's CRLs (and any certificates it lacks) in its own fields. */
    static CMSSignedData addRevocationData(CMSSignedData cms, ValidationMaterial material) throws ReportException {
        try {
            List<X509CertificateHolder> certs = new ArrayList<>();
            for (Object h : cms.getCertificates().getMatches(null)) {
                certs.add((X509CertificateHolder) h);
            }
            for (X509Certificate c : material.certificates()) {
                X509CertificateHolder h = new X509CertificateHolder(c.getEncoded());
                if (!certs.contains(h)) {
                    certs.add(h);
                }
            }
            List<X509CRLHolder> crls = new ArrayList<>();
            for (Object h : cms.getCRLs().getMatches(null)) {
                crls.add((X509CRLHolder) h);
            }
            for (var crl : material.crls()) {
                crls.add(new X509CRLHolder(crl.getEncoded()));
            }
            return CMSSignedData.replaceCertificatesAndCRLs(cms, new CollectionStore<>(certs), null,
                    new CollectionStore<>(crls));
        } catch (CMSException | IOException | java.security.GeneralSecurityException e) {
            throw new ReportException("cannot add the revocation data to the signature: " + e.getMessage(), e);
        }
    }

    /** The CMS of a signed PDF's last CAdES signature (not a document time stamp). */
    static CMSSignedData lastSignature(byte[] pdf) throws ReportException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature found = null;
            for (PDSignature s : doc.getSignatureDictionaries()) {
                if (!LongTermPdf.SUBFILTER_RFC3161.getName().equals(s.getSubFilter())) {
                    found = s;
                }
            }
            if (found == null) {
                throw new ReportException("the PDF holds no signature");
            }
            return parse(found.getContents(pdf));
        } catch (IOException e) {
            if (e instanceof ReportException r) {
                throw r;
            }
            throw new ReportException("cannot read the signed PDF: " + e.getMessage(), e);
        }
    }

    static CMSSignedData parse(byte[] der) throws ReportException {
        try {
            return new CMSSignedData(der);
        } catch (CMSException e) {
            throw new ReportException("not a CMS signature: " + e.getMessage(), e);
        }
    }

    static byte[] encode(CMSSignedData cms) throws ReportException {
        try {
            return cms.getEncoded("DER");
        } catch (IOException e) {
            throw new ReportException("cannot encode the signature: " + e.getMessage(), e);
        }
    }

}
