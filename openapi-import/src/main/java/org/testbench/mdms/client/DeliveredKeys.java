package org.testbench.mdms.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A meter's DLMS keys as the MDMS delivered them, unwrapped: the global unicast encryption key (EK)
 * and the authentication key (AK), 16 bytes each. Never printed: {@link #toString()} and every message
 * show fingerprints only. {@link #destroy()} (or {@code close()}) overwrites the bytes.
 */
public final class DeliveredKeys implements Destroyable, AutoCloseable {

    public static final int KEY_LENGTH = 16;

    private final String serial;
    private final byte[] encryptionKey;
    private final byte[] authenticationKey;
    private volatile boolean destroyed;

    /** Copies the arrays; the caller overwrites its own. */
    public DeliveredKeys(String serial, byte[] encryptionKey, byte[] authenticationKey) {
        this.serial = Objects.requireNonNull(serial, "serial");
        this.encryptionKey = check("EK", encryptionKey).clone();
        this.authenticationKey = check("AK", authenticationKey).clone();
    }

    private byte[] check(String what, byte[] key) {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_LENGTH) {
            // The length may be told; the bytes may not.
            throw new IllegalArgumentException(what + " of meter " + serial + " has " + key.length + " bytes, expected "
                    + KEY_LENGTH);
        }
        return key;
    }

    public String serial() {
        return serial;
    }

    /** A copy of EK; overwrite it when done. */
    public byte[] encryptionKey() {
        checkAlive();
        return encryptionKey.clone();
    }

    /** A copy of AK; overwrite it when done. */
    public byte[] authenticationKey() {
        checkAlive();
        return authenticationKey.clone();
    }

    /** {@code SHA-256:} and the first 8 bytes of SHA-256 of EK, hex: the MDMS's keyFingerprints format. */
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
            return "SHA-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
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
            return "DeliveredKeys[" + serial + ", destroyed]";
        }
        return "DeliveredKeys[" + serial + ", EK " + encryptionKeyFingerprint() + ", AK " + authenticationKeyFingerprint() + "]";
    }
}
