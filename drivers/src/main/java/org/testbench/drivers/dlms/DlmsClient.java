package org.testbench.drivers.dlms;

import java.util.Objects;
import java.util.Optional;

/**
 * One client of a meter's DLMS server, as a meter type defines it: its client SAP, how it authenticates,
 * which protection its APDUs carry and with which security suite, and — for a mechanism with a secret (LLS
 * password, HLS secret) — the environment variable that holds it (otherwise the secret comes from the keystore
 * entry {@code <serial>.lls} or {@code <serial>.hls}). Holds no secret.
 *
 * @param passwordVariable the environment variable holding the client's secret (profile key {@code password_env}
 *                         for an LLS password, {@code secret_env} for an HLS secret); empty: the keystore
 */
public record DlmsClient(int address, AuthenticationMechanism authentication, ApduSecurity security, int suite,
                         Optional<String> passwordVariable) {

    /** The public client of every DLMS meter: SAP 16, no authentication, no ciphering. */
    public static final DlmsClient PUBLIC = new DlmsClient(16, AuthenticationMechanism.NONE, ApduSecurity.NONE, 0,
            Optional.empty());
    /** The management client of the bench's own meters: SAP 1, HLS-GMAC, suite 0, authenticated and encrypted. */
    public static final DlmsClient MANAGEMENT = new DlmsClient(1, AuthenticationMechanism.HLS_GMAC,
            ApduSecurity.AUTHENTICATED_ENCRYPTED, 0, Optional.empty());

    public DlmsClient {
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(passwordVariable, "passwordVariable");
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("a client address is 0..127, not " + address);
        }
        if (suite != 0) {
            // Suites 1 and 2 need HLS-ECDSA and certificates: not supported against the meters here yet.
            throw new IllegalArgumentException("security suite " + suite + " is not supported (only suite 0)");
        }
        if (passwordVariable.isPresent() && !authentication.usesSecret()) {
            throw new IllegalArgumentException(authentication.external() + " uses no password or secret, so no "
                    + "variable holds one");
        }
        if (authentication == AuthenticationMechanism.HLS_GMAC && security == ApduSecurity.NONE) {
            throw new IllegalArgumentException("hls-gmac needs ciphered APDUs: security must be authenticated, "
                    + "encrypted or authenticated-encrypted");
        }
    }

    /** Whether associating needs the meter's suite 0 keys (<serial>.ek and <serial>.ak). */
    public boolean needsKeys() {
        return authentication == AuthenticationMechanism.HLS_GMAC || security != ApduSecurity.NONE;
    }

    /** Whether associating needs a secret of the client's own: an LLS password or an HLS secret. */
    public boolean needsSecret() {
        return authentication.usesSecret();
    }

    /** "client 32 (low)": for messages. */
    public String describe() {
        return "client " + address + " (" + authentication.external() + ")";
    }
}
