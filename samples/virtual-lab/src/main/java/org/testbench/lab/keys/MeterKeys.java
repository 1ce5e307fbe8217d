package org.testbench.lab.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two AES-128 keys of one meter for DLMS security suite 0: the global unicast encryption
 * key (EK) and the authentication key (AK).
 *
 * <p>Key bytes never leave this object except as defensive copies, and {@link #toString()} never
 * shows them: a key that reaches a log line, an exception message or a debugger's variable view
 * is a leaked key.
 */
public final class MeterKeys {

    /** AES-128, the only key length security suite 0 knows. */
    public static final int KEY_LENGTH = 16;

    private final byte[] encryptionKey;
    private final byte[] authenticationKey;

    private MeterKeys(byte[] encryptionKey, byte[] authenticationKey) {
        this.encryptionKey = encryptionKey;
        this.authenticationKey = authenticationKey;
    }

    /** Draws a fresh, independent key pair; every meter of a lab gets its own. */
    public static MeterKeys generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] ek = new byte[KEY_LENGTH];
        byte[] ak = new byte[KEY_LENGTH];
        random.nextBytes(ek);
        random.nextBytes(ak);
        return new MeterKeys(ek, ak);
    }

    /** Wraps existing keys (copied), e.g. to rebuild a meter from a keystore. */
    public static MeterKeys of(byte[] encryptionKey, byte[] authenticationKey) {
        return new MeterKeys(checked(encryptionKey, "encryption key"),
                checked(authenticationKey, "authentication key"));
    }

    private static byte[] checked(byte[] key, String what) {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_LENGTH) {
            // The length is not secret; the content is, so it stays out of the message.
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
        return key.clone();
    }

    /** A copy of the global unicast encryption key (EK). */
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /** A copy of the authentication key (AK). */
    public byte[] authenticationKey() {
        return authenticationKey.clone();
    }

    /** Overwrites the keys in memory; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(authenticationKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "MeterKeys[EK=<redacted>, AK=<redacted>]";
    }
}
