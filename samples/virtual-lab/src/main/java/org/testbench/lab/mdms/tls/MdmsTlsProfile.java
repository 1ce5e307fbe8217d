package org.testbench.lab.mdms.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * How the simulated MDMS serves HTTPS: {@link #GOOD} follows NIST SP 800-52 Rev. 2, each other profile
 * seeds exactly one weakness so that a TLS audit can be shown to find it, and a conformant client to
 * refuse it. A weak profile offers nothing that a NIST client would accept on its own: a client that
 * connects has accepted the weakness.
 */
public enum MdmsTlsProfile {

    /** TLS 1.3 and 1.2, ECDHE with AES-GCM, P-256/P-384, an RSA-2048 SHA-256 certificate from the lab CA. */
    GOOD("good", "NIST SP 800-52r2 conformant", Versions.MODERN, Suites.NIST, Groups.NIST, CertificateKind.GOOD),
    /** TLS 1.0 only (AES-CBC with SHA-1 MACs). */
    TLS10("tls10", "TLS 1.0 only", new ProtocolVersion[] {ProtocolVersion.TLSv10},
            new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA},
            Groups.NIST, CertificateKind.GOOD),
    /** TLS 1.2 with an unencrypted (NULL) suite only. */
    NULL_CIPHER("null-cipher", "NULL encryption only", Versions.TLS12,
            new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA}, Groups.NIST, CertificateKind.GOOD),
    /** TLS 1.2 with anonymous (unauthenticated) key exchange only. */
    ANON_CIPHER("anon-cipher", "anonymous key exchange only", Versions.TLS12,
            new int[] {CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA},
            Groups.NIST, CertificateKind.GOOD),
    /** TLS 1.2 with CAMELLIA suites only. */
    CAMELLIA("camellia", "CAMELLIA suites only", Versions.TLS12,
            new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384},
            Groups.NIST, CertificateKind.GOOD),
    /** TLS 1.2, good suites, but ECDHE only over the 192-bit curve secp192r1. */
    SMALL_CURVE("small-curve", "ECDHE over secp192r1 only", Versions.TLS12, Suites.NIST_TLS12,
            new int[] {NamedGroup.secp192r1}, CertificateKind.GOOD),
    /** Good protocol settings, a certificate that expired a month ago. */
    EXPIRED("expired", "expired certificate", Versions.MODERN, Suites.NIST, Groups.NIST, CertificateKind.EXPIRED),
    /** Good protocol settings, a self-signed certificate (no CA). */
    SELF_SIGNED("self-signed", "self-signed certificate", Versions.MODERN, Suites.NIST, Groups.NIST,
            CertificateKind.SELF_SIGNED),
    /** Good protocol settings, a certificate for another host name. */
    WRONG_HOST("wrong-host", "certificate for another host", Versions.MODERN, Suites.NIST, Groups.NIST,
            CertificateKind.WRONG_HOST),
    /** Good protocol settings, a certificate with a 1024-bit RSA key. */
    RSA1024("rsa1024", "RSA-1024 certificate key", Versions.MODERN, Suites.NIST, Groups.NIST,
            CertificateKind.RSA1024),
    /** Good protocol settings, a certificate signed with SHA-1. */
    SHA1("sha1", "SHA-1 certificate signature", Versions.MODERN, Suites.NIST, Groups.NIST, CertificateKind.SHA1),
    /**
     * TLS 1.2 and 1.1 (no 1.3), with the suites and groups the guideline does not allow or discourages:
     * Triple-DES, ChaCha20, ARIA, RSA key transport; x25519 and brainpoolP256r1 instead of P-256/P-384.
     */
    LEGACY("legacy", "legacy suites, groups and TLS 1.1", new ProtocolVersion[] {ProtocolVersion.TLSv12,
        ProtocolVersion.TLSv11},
            new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_RSA_WITH_ARIA_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA},
            new int[] {NamedGroup.x25519, NamedGroup.brainpoolP256r1}, CertificateKind.GOOD),
    /**
     * Good protocol settings, a certificate outside the server profile: no subjectAltName, client
     * authentication as its only extended key usage, five years of validity starting tomorrow.
     */
    CERT_PROFILE("cert-profile", "certificate outside the NIST server profile", Versions.MODERN, Suites.NIST,
            Groups.NIST, CertificateKind.PROFILE_VIOLATIONS);

    /** The certificate a profile presents. */
    public enum CertificateKind { GOOD, EXPIRED, SELF_SIGNED, WRONG_HOST, RSA1024, SHA1, PROFILE_VIOLATIONS }

    private final String externalName;
    private final String description;
    private final ProtocolVersion[] versions;
    private final int[] cipherSuites;
    private final int[] groups;
    private final CertificateKind certificate;

    MdmsTlsProfile(String externalName, String description, ProtocolVersion[] versions, int[] cipherSuites,
            int[] groups, CertificateKind certificate) {
        this.externalName = externalName;
        this.description = description;
        this.versions = versions;
        this.cipherSuites = cipherSuites;
        this.groups = groups;
        this.certificate = certificate;
    }

    /** The name on the command line, e.g. {@code small-curve}. */
    public String externalName() {
        return externalName;
    }

    /** What is wrong with it, in a few words. */
    public String description() {
        return description;
    }

    ProtocolVersion[] versions() {
        return versions.clone();
    }

    int[] cipherSuites() {
        return cipherSuites.clone();
    }

    int[] groups() {
        return groups.clone();
    }

    public CertificateKind certificate() {
        return certificate;
    }

    /** True for every profile but {@link #GOOD}. */
    public boolean weak() {
        return this != GOOD;
    }

    /**
     * The profile with this external name (case-insensitive, blanks ignored).
     *
     * @throws IllegalArgumentException naming the valid names if there is none
     */
    public static MdmsTlsProfile parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (MdmsTlsProfile profile : values()) {
            if (profile.externalName.equals(wanted)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown MDMS TLS profile '" + name + "'; valid: " + validNames());
    }

    /** The valid external names, comma-separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(MdmsTlsProfile::externalName).collect(Collectors.joining(", "));
    }

    /** The weak profiles, in declaration order. */
    public static List<MdmsTlsProfile> weakProfiles() {
        return Arrays.stream(values()).filter(MdmsTlsProfile::weak).toList();
    }

    private static final class Versions {
        static final ProtocolVersion[] MODERN = {ProtocolVersion.TLSv13, ProtocolVersion.TLSv12};
        static final ProtocolVersion[] TLS12 = {ProtocolVersion.TLSv12};
    }

    private static final class Suites {
        static final int[] NIST_TLS12 = {
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        static final int[] NIST = {
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
    }

    private static final class Groups {
        static final int[] NIST = {NamedGroup.secp256r1, NamedGroup.secp384r1};
    }
}
