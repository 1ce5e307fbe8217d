package org.testbench.drivers.dlms;

import java.util.Arrays;
import java.util.List;

/**
 * How a DLMS client proves who it is when it associates (IEC 62056-5-3, the mechanism name's last arc in
 * brackets): not at all (0); with a password sent in the association request (low level security, LLS, 1); or
 * with a challenge the meter sends and the client answers (high level security, HLS) — hashed with the HLS
 * secret (MD5 3, SHA-1 4, SHA-256 6) or as a GMAC under the meter's suite 0 keys (5).
 *
 * <p>What each HLS answer is made of (as Gurux 4.0.47 computes it, checked against its sources): MD5 and SHA-1 hash
 * the other side's challenge followed by the HLS secret; SHA-256 hashes the HLS secret, the sender's system title,
 * the receiver's system title, then the meter's and the client's challenges, so both sides' system titles travel in
 * AARQ and AARE even without ciphering; GMAC tags the sender's system title and the challenge with the suite 0 keys.
 */
public enum AuthenticationMechanism {
    NONE("none", 0),
    LOW("low", 1),
    HLS_MD5("hls-md5", 3),
    HLS_SHA1("hls-sha1", 4),
    HLS_GMAC("hls-gmac", 5),
    HLS_SHA256("hls-sha256", 6);

    private final String external;
    private final int id;

    AuthenticationMechanism(String external, int id) {
        this.external = external;
        this.id = id;
    }

    /** The name used in meter profiles and on the command line. */
    public String external() {
        return external;
    }

    /** The mechanism id: the last arc of the mechanism name's OID 2.16.756.5.8.2.id. */
    public int id() {
        return id;
    }

    /** Whether the client authenticates with a secret of its own: an LLS password or an HLS secret. */
    public boolean usesSecret() {
        return this == LOW || usesHlsSecret();
    }

    /** Whether the client answers the meter's challenge with a hash over an HLS secret (mechanisms 3, 4, 6). */
    public boolean usesHlsSecret() {
        return this == HLS_MD5 || this == HLS_SHA1 || this == HLS_SHA256;
    }

    /** "LLS password" or "HLS secret": for messages. */
    public String secretName() {
        return this == LOW ? "LLS password" : "HLS secret";
    }

    /** The suffix of the keystore entry that holds the secret: {@code <serial>.lls} or {@code <serial>.hls}. */
    public String secretEntry() {
        return this == LOW ? "lls" : "hls";
    }

    /** The profile key naming the environment variable that holds the secret. */
    public String secretVariableKey() {
        return this == LOW ? "password_env" : "secret_env";
    }

    /** Whether the meter checks this mechanism's answer against both system titles (HLS-SHA256, HLS-GMAC). */
    public boolean usesSystemTitles() {
        return this == HLS_SHA256 || this == HLS_GMAC;
    }

    /** Every external name, in the order of the mechanism ids: for messages and suggestions. */
    public static List<String> externalNames() {
        return Arrays.stream(values()).map(AuthenticationMechanism::external).toList();
    }

    public static AuthenticationMechanism ofExternal(String name) {
        for (AuthenticationMechanism m : values()) {
            if (m.external.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("authentication '" + name + "' is not one of "
                + String.join(", ", externalNames()));
    }
}
