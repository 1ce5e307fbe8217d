package org.testbench.mdms.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The MDMS's bearer token ({@code Authorization: Bearer …}). Never printed: {@link #toString()} shows a fingerprint; the client removes
 * the token from evidence and logs wherever it appears.
 */
public final class BearerToken implements RequestAuthentication {

    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    public static BearerToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Say what is wrong without repeating the value.
            throw new IllegalArgumentException("a bearer token is printable ASCII without spaces (" + value.length()
                    + " characters given)");
        }
        return new BearerToken(value);
    }

    /** The token itself, for the Authorization header and for redaction only. */
    public String value() {
        return value;
    }

    /** First 8 bytes of SHA-256, hex: tells tokens apart in a record without revealing them. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public String scheme() {
        return "bearer token (sha256:" + fingerprint() + ")";
    }

    @Override
    public void apply(CredentialTarget request) {
        request.header("Authorization", "Bearer " + value);
    }

    @Override
    public List<String> secrets() {
        return List.of(value);
    }

    @Override
    public String toString() {
        return "BearerToken[sha256:" + fingerprint() + "]";
    }
}
