package org.testbench.drivers.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The DLMS security suite 0 keys of one meter: the global unicast encryption key (EK) and the
 * authentication key (AK), AES-128 each. Held only in memory, never printed: {@link #toString()}
 * shows fingerprints, and {@link #destroy()} overwrites the key bytes.
 */
public final class MeterKeys implements Destroyable, AutoCloseable {

    private static final int AES_128 = 16;

    private final String serial;
    private final byte[] encryptionKey;
    private final byte[] authenticationKey;
    private volatile boolean destroyed;

    public MeterKeys(String serial, byte[] encryptionKey, byte[] authenticationKey) {
        this.serial = Objects.requireNonNull(serial, "serial");
        this.encryptionKey = checkLength("encryption key", encryptionKey).clone();
        this.authenticationKey = checkLength("authentication key", authenticationKey).clone();
    }

    private byte[] checkLength(String what, byte[] key) {
        Objects.requireNonNull(key, what);
        if (key.length != AES_128) {
            // The length is safe to tell; the bytes are not.
            throw new IllegalArgumentException(what + " of meter " + serial + " has " + key.length
                    + " bytes, suite 0 needs " + AES_128);
        }
        return key;
    }

    public String serial() {
        return serial;
    }

    /** An independent copy, for a user that destroys its own when done while this one stays. */
    public MeterKeys copy() {
        checkAlive();
        return new MeterKeys(serial, encryptionKey, authenticationKey);
    }

    /** A copy of the encryption key; the caller overwrites it when done. */
    public byte[] encryptionKey() {
        checkAlive();
        return encryptionKey.clone();
    }

    /** A copy of the authentication key; the caller overwrites it when done. */
    public byte[] authenticationKey() {
        checkAlive();
        return authenticationKey.clone();
    }

    /** First 8 bytes of SHA-256 of the key, in hex: enough to tell keys apart in evidence, useless to an attacker. */
    public String encryptionKeyFingerprint() {
        checkAlive();
        return fingerprint(encryptionKey);
    }

    public String authenticationKeyFingerprint() {
        checkAlive();
        return fingerprint(authenticationKey);
    }

    static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("keys of meter " + serial + " were destroyed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(authenticationKey, (byte) 0);
        destroyed = true;
    }

    /** The arrays the keys live in, for the test that proves {@link #destroy()} overwrites them. */
    byte[][] backingArraysForTest() {
        return new byte[][] {encryptionKey, authenticationKey};
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        if (destroyed) {
            return "MeterKeys[" + serial + ", destroyed]";
        }
        return "MeterKeys[" + serial + ", EK sha256:" + encryptionKeyFingerprint() + ", AK sha256:"
                + authenticationKeyFingerprint() + "]";
    }
}
