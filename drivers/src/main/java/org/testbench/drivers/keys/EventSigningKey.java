package org.testbench.drivers.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A meter's event-signing key (HMAC-SHA256), used by the bench only to verify. The key bytes never
 * leave this object and {@link #toString()} never shows them.
 */
public final class EventSigningKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final String serial;
    private final byte[] key;

    EventSigningKey(String serial, byte[] key) {
        this.serial = Objects.requireNonNull(serial, "serial");
        if (key.length == 0) {
            throw new IllegalArgumentException("empty event-signing key for meter " + serial);
        }
        this.key = key.clone();
    }

    public String serial() {
        return serial;
    }

    /** True when {@code signature} is the HMAC-SHA256 of {@code data} under this key (constant-time compare). */
    public boolean verifies(byte[] data, byte[] signature) {
        return MessageDigest.isEqual(mac(data), signature);
    }

    /** The HMAC of {@code data}: the bench signs nothing itself, but a test forges with it. */
    public byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "EventSigningKey[" + serial + ", HmacSHA256, key=<redacted>]";
    }
}
