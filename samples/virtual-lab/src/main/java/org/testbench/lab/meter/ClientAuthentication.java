package org.testbench.lab.meter;

/** How a client proves who it is when it opens its association. */
public enum ClientAuthentication {
    /** Lowest level security: no proof. */
    NONE,
    /** Low level security (LLS): a password in the AARQ. */
    LOW,
    /** High level security, mechanism 3: MD5 of the meter's challenge and the HLS secret (older meters). */
    HLS_MD5,
    /** High level security, mechanism 4: SHA-1 of the meter's challenge and the HLS secret (older meters). */
    HLS_SHA1,
    /** High level security with GMAC (mechanism 5), security suite 0. */
    HLS_GMAC,
    /**
     * High level security, mechanism 6: SHA-256 of the HLS secret, both system titles and both challenges;
     * needs no suite keys.
     */
    HLS_SHA256;

    /** True for the mechanisms whose proof is a hash over the association's HLS secret (3, 4, 6). */
    public boolean usesHlsSecret() {
        return this == HLS_MD5 || this == HLS_SHA1 || this == HLS_SHA256;
    }

    /** True for the high level mechanisms: the association is complete only after HLS pass 3 and 4. */
    public boolean isHighLevel() {
        return this == HLS_GMAC || usesHlsSecret();
    }
}
