package org.testbench.lab.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a meter signs its event notifications with: 256 bits for HMAC-SHA256, one per meter,
 * independent of its DLMS keys. The MDMS and the bench hold a copy to verify.
 *
 * <p>Like {@link MeterKeys}, the bytes leave only as copies and {@link #toString()} never shows them.
 */
public final class EventSigningKey {

    /** JCA name of the MAC and of the keystore entry's algorithm. */
    public static final String ALGORITHM = "HmacSHA256";
    public static final int KEY_LENGTH = 32;

    private final byte[] key;

    private EventSigningKey(byte[] key) {
        this.key = key;
    }

    public static EventSigningKey generate(SecureRandom random) {
        byte[] key = new byte[KEY_LENGTH];
        Objects.requireNonNull(random, "random").nextBytes(key);
        return new EventSigningKey(key);
    }

    /** Wraps existing key bytes (copied). */
    public static EventSigningKey of(byte[] key) {
        Objects.requireNonNull(key, "event signing key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("event signing key must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
        return new EventSigningKey(key.clone());
    }

    /** HMAC-SHA256 of {@code data} under this key. */
    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** A copy of the key bytes, for the keystore. */
    public byte[] bytes() {
        return key.clone();
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "EventSigningKey[HmacSHA256, key=<redacted>]";
    }
}
