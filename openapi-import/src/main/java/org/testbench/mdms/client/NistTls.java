package org.testbench.mdms.client;

import java.util.List;

/**
 * The TLS versions and cipher suites the client offers, after NIST SP 800-52 Rev. 2: TLS 1.3 and 1.2
 * only, forward secrecy (ECDHE) with AES-GCM. No CBC, no ChaCha20, no RSA key transport: an MDMS that
 * offers nothing from this list is refused in the handshake, and that refusal is a finding.
 *
 * <p>Key-exchange groups are left to the JDK (P-256 and P-384 are its first choices); JDK 17 has no
 * per-connection setting for them.
 */
public final class NistTls {

    /** In order of preference, as JSSE names them. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites first, then TLS 1.2; standard (IANA) names. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private NistTls() {
    }
}
