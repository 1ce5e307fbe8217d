package org.testbench.lab.mdms.keys;

/**
 * A meter's keys wrapped for one recipient.
 *
 * @param serial the meter
 * @param envelope DER of the CMS ContentInfo holding the AuthEnvelopedData (ciphertext: not secret)
 * @param encryptionKeyFingerprint {@code SHA-256:} and 8 bytes of SHA-256 of the EK, hex
 * @param authenticationKeyFingerprint the same for the AK
 */
public record KeyEnvelope(String serial, byte[] envelope, String encryptionKeyFingerprint,
        String authenticationKeyFingerprint) {

    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    @Override
    public String toString() {
        return "KeyEnvelope[serial=" + serial + ", " + envelope.length + " bytes]";
    }
}
