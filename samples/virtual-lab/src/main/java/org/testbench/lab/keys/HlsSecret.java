package org.testbench.lab.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A meter's HLS secret: what its HLS-MD5, -SHA1 and -SHA256 associations hash with the challenges. Binary, as
 * meters in the field keep it (16 bytes here). Kept out of {@link #toString()}, copied in and out, wiped by
 * {@link #destroy()}.
 */
public final class HlsSecret {

    /** Sixteen bytes, the length meters commonly give their HLS secrets. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private HlsSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Draws a fresh secret; every meter of a lab gets its own. */
    public static HlsSecret generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        return new HlsSecret(secret);
    }

    /** Wraps an existing secret (copied). */
    public static HlsSecret of(byte[] secret) {
        return new HlsSecret(Objects.requireNonNull(secret, "secret").clone());
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "HlsSecret[<redacted>]";
    }
}
