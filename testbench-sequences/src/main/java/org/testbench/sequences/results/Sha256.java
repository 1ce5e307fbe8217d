package org.testbench.sequences.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest, kept as 64 lower-case hex digits: what a run records of the sequence file, the MDMS
 * specification and the binding it used, so that a result can be tied to the exact files.
 * {@link #toString()} is read back by {@link #parse(String)}.
 */
public record Sha256(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("invalid SHA-256 '" + hex + "': expected 64 lower-case hex digits");
        }
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not 64 hex digits (either case)
     */
    public static Sha256 parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid SHA-256 'null': expected 64 hex digits");
        }
        return new Sha256(text.strip().toLowerCase(Locale.ROOT));
    }

    /** The digest of these bytes. */
    public static Sha256 of(byte[] content) {
        try {
            return new Sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The digest of this text encoded as UTF-8, the encoding sequence files are read in. */
    public static Sha256 ofUtf8(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return hex;
    }
}
