package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.security.Provider;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.testbench.mdms.client.BenchIdentity;
import org.testbench.mdms.client.DeliveredKeys;

/**
 * Opens the MDMS's key envelope: CMS AuthEnvelopedData (RFC 5083) with one KeyAgreeRecipientInfo for
 * the bench's certificate (ECDH P-256), AES-256 key wrap and AES-256-GCM content encryption. The
 * content, {@code {"serial","ek","ak"}}, is read straight into byte arrays and overwritten after use;
 * no key passes through a String, and no message carries key bytes.
 */
public final class CmsKeyUnwrapper {

    /** Not registered globally: the rest of the JVM keeps its own providers. */
    private static final Provider BC = new BouncyCastleProvider();
    private static final JsonFactory JSON = new JsonFactory();

    /** Why an envelope could not be opened; never carries key material. */
    public static final class UnwrapException extends Exception {
        public UnwrapException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private CmsKeyUnwrapper() {
    }

    public static DeliveredKeys unwrap(byte[] der, BenchIdentity identity, String expectedSerial) throws UnwrapException {
        CMSAuthEnvelopedData envelope;
        try {
            envelope = new CMSAuthEnvelopedData(der);
        } catch (CMSException | RuntimeException e) {
            throw new UnwrapException("the envelope is not CMS AuthEnvelopedData (" + e.getMessage() + ")", e);
        }
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(envelope.getEncryptionAlgOID());
        if (!CMSAlgorithm.AES256_GCM.equals(algorithm)) {
            throw new UnwrapException("the envelope's content is encrypted with " + algorithm
                    + ", not AES-256-GCM (" + CMSAlgorithm.AES256_GCM + ")", null);
        }
        RecipientInformation recipient = envelope.getRecipientInfos().get(new JceKeyAgreeRecipientId(identity.certificate()));
        if (recipient == null) {
            throw new UnwrapException("the envelope is not addressed to the bench certificate ("
                    + identity.certificate().getSubjectX500Principal().getName() + ", serial "
                    + identity.certificate().getSerialNumber().toString(16) + "); it has "
                    + envelope.getRecipientInfos().size() + " recipient(s)", null);
        }
        byte[] content = null;
        try {
            content = recipient.getContent(new JceKeyAgreeAuthEnvelopedRecipient(identity.privateKey()).setProvider(BC));
            return readKeys(content, expectedSerial);
        } catch (CMSException e) {
            throw new UnwrapException("the envelope cannot be opened with the bench's key (altered, or made for another"
                    + " key): " + e.getMessage(), e);
        } finally {
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    private static DeliveredKeys readKeys(byte[] content, String expectedSerial) throws UnwrapException {
        String serial = null;
        byte[] ek = null;
        byte[] ak = null;
        try (JsonParser parser = JSON.createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnwrapException("the envelope's content is not a JSON object", null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "serial" -> serial = parser.getText();
                    case "ek" -> ek = parser.getBinaryValue();
                    case "ak" -> ak = parser.getBinaryValue();
                    default -> parser.skipChildren();
                }
            }
            if (serial == null || ek == null || ak == null) {
                throw new UnwrapException("the envelope's content lacks " + (serial == null ? "serial " : "")
                        + (ek == null ? "ek " : "") + (ak == null ? "ak" : "").strip(), null);
            }
            if (!serial.equals(expectedSerial)) {
                throw new UnwrapException("the envelope holds the keys of meter " + serial + ", not of " + expectedSerial, null);
            }
            return new DeliveredKeys(serial, ek, ak);
        } catch (IOException e) {
            // Jackson's messages quote the offending text, which may be key material: give the position only.
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " at byte " + j.getLocation().getByteOffset() : "";
            throw new UnwrapException("the envelope's content is not valid JSON with Base64 keys" + where, null);
        } catch (IllegalArgumentException e) {
            throw new UnwrapException(e.getMessage(), null);
        } finally {
            if (ek != null) {
                Arrays.fill(ek, (byte) 0);
            }
            if (ak != null) {
                Arrays.fill(ak, (byte) 0);
            }
        }
    }
}
