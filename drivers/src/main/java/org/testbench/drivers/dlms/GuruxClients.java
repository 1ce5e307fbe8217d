package org.testbench.drivers.dlms;

import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.secure.GXDLMSSecureClient;

/** Builds the Gurux client of a {@link DlmsClient}, configured as suite 0 meters expect. */
final class GuruxClients {

    private GuruxClients() {
    }

    /**
     * A client as a meter profile defines it. The secret (LLS password or HLS secret) and key arrays are kept by
     * Gurux: the caller passes copies (null where the client needs none) and overwrites them when the session ends.
     */
    static GXDLMSSecureClient forClient(DlmsFraming framing, DlmsClient spec, ServerAddress server,
                                        SessionOptions options, byte[] password, byte[] encryptionKey,
                                        byte[] authenticationKey, long invocationCounter) {
        InterfaceType type = framing == DlmsFraming.HDLC ? InterfaceType.HDLC : InterfaceType.WRAPPER;
        Authentication authentication = switch (spec.authentication()) {
            case NONE -> Authentication.NONE;
            case LOW -> Authentication.LOW;
            case HLS_MD5 -> Authentication.HIGH_MD5;
            case HLS_SHA1 -> Authentication.HIGH_SHA1;
            case HLS_GMAC -> Authentication.HIGH_GMAC;
            case HLS_SHA256 -> Authentication.HIGH_SHA256;
        };
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, spec.address(), server.forFraming(framing),
                authentication, null, type);
        // Without GENERAL_PROTECTION Gurux sends glo-ciphered APDUs, which suite 0 meters expect (NOTES.md).
        client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        if (password != null) {
            // Gurux calls both secrets "password": LOW sends it in the AARQ, the HLS hashes use it in pass 3/4.
            client.setPassword(password);
        }
        if (spec.authentication().usesSystemTitles()) {
            // HLS-SHA256 hashes both system titles: Gurux sends ours as the AARQ's calling-AP-title.
            client.getCiphering().setSystemTitle(options.clientSystemTitle());
        }
        if (spec.needsKeys()) {
            client.getCiphering().setSecurity(switch (spec.security()) {
                case NONE -> Security.NONE;
                case AUTHENTICATED -> Security.AUTHENTICATION;
                case ENCRYPTED -> Security.ENCRYPTION;
                case AUTHENTICATED_ENCRYPTED -> Security.AUTHENTICATION_ENCRYPTION;
            });
            client.getCiphering().setSystemTitle(options.clientSystemTitle());
            client.getCiphering().setBlockCipherKey(encryptionKey);
            client.getCiphering().setAuthenticationKey(authenticationKey);
            client.getCiphering().setInvocationCounter(invocationCounter);
        }
        return client;
    }

}
