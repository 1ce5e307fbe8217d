package org.testbench.lab.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A meter's low level security (LLS) password: the secret a client puts in its AARQ. Kept out of
 * {@link #toString()}, copied in and out, wiped by {@link #destroy()}.
 */
public final class LlsPassword {

    /** Eight characters, the length most meters give their LLS passwords. */
    public static final int LENGTH = 8;
    /** Letters and digits without the look-alikes, so a technician can type one off a label. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final byte[] bytes;

    private LlsPassword(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Draws a fresh password; every meter of a lab gets its own. */
    public static LlsPassword generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] password = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            password[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new LlsPassword(password);
    }

    /** Wraps an existing password (copied), as US-ASCII bytes. */
    public static LlsPassword of(byte[] password) {
        return new LlsPassword(Objects.requireNonNull(password, "password").clone());
    }

    /** A copy of the password's US-ASCII bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of the password as characters. */
    public char[] chars() {
        return new String(bytes, StandardCharsets.US_ASCII).toCharArray();
    }

    /** Compares in constant time, so the answer's timing tells nothing about how much was right. */
    public boolean matches(byte[] offered) {
        return offered != null && MessageDigest.isEqual(bytes, offered);
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "LlsPassword[<redacted>]";
    }
}
