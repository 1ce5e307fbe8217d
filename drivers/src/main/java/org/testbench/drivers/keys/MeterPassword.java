package org.testbench.drivers.keys;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The secret one meter's client authenticates with — a low level security (LLS) password, or the HLS secret of
 * mechanisms 3, 4 and 6 (HLS-MD5, -SHA1, -SHA256): held only in memory, never printed ({@link #toString()} says
 * where it came from), overwritten by {@link #destroy()}.
 *
 * <p>An HLS secret is often binary. Written as text (an environment variable, a {@code keytool -importpass}
 * entry), {@code hex:} followed by an even number of hex digits stands for those bytes; any other text is its
 * UTF-8 bytes.
 */
public final class MeterPassword implements Destroyable, AutoCloseable {

    /** The prefix that marks a secret written as hex digits. */
    public static final String HEX_PREFIX = "hex:";

    private final String origin;
    private final byte[] bytes;
    private volatile boolean destroyed;

    /**
     * @param origin where the password came from, for messages ("keystore entry 'x.lls'", "variable X")
     * @param password copied; the caller may clear its own
     */
    public MeterPassword(String origin, char[] password) {
        this.origin = Objects.requireNonNull(origin, "origin");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        this.bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
    }

    private MeterPassword(String origin, byte[] secret) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.bytes = secret.clone();
    }

    /**
     * An HLS secret from its stored bytes: those bytes, or, when they are the text {@code hex:} and hex digits,
     * the bytes the digits stand for.
     *
     * @param stored copied; the caller may clear its own
     * @throws IllegalArgumentException when the text starts with {@code hex:} but the rest is not hex digits
     *                                  (the message names the origin, never the secret)
     */
    public static MeterPassword hlsSecret(String origin, byte[] stored) {
        byte[] decoded = decodeHex(origin, stored);
        try {
            return new MeterPassword(origin, decoded == null ? stored : decoded);
        } finally {
            if (decoded != null) {
                Arrays.fill(decoded, (byte) 0);
            }
        }
    }

    private static byte[] decodeHex(String origin, byte[] stored) {
        int prefix = HEX_PREFIX.length();
        if (stored.length < prefix || !new String(stored, 0, prefix, StandardCharsets.US_ASCII)
                .equalsIgnoreCase(HEX_PREFIX)) {
            return null;
        }
        int digits = stored.length - prefix;
        if (digits == 0 || digits % 2 != 0) {
            throw new IllegalArgumentException("the HLS secret from " + origin + " starts with hex: but has "
                    + digits + " hex digits, not a positive even number");
        }
        byte[] decoded = new byte[digits / 2];
        for (int i = 0; i < decoded.length; i++) {
            int high = Character.digit(stored[prefix + 2 * i], 16);
            int low = Character.digit(stored[prefix + 2 * i + 1], 16);
            if (high < 0 || low < 0) {
                Arrays.fill(decoded, (byte) 0);
                throw new IllegalArgumentException("the HLS secret from " + origin + " starts with hex: but holds "
                        + "a character that is not a hex digit");
            }
            decoded[i] = (byte) (high << 4 | low);
        }
        return decoded;
    }

    /** A copy of the secret as the association uses it; the caller overwrites it when done. */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("the password from " + origin + " was destroyed");
        }
        return bytes.clone();
    }

    public String origin() {
        return origin;
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
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
        return "MeterPassword[" + origin + (destroyed ? ", destroyed" : "") + "]";
    }
}
