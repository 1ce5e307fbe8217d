package org.testbench.drivers.dlms;

import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.secure.GXDLMSSecureClient;

/** Builds the Gurux clients of the two roles the bench uses, configured as suite 0 meters expect. */
final class GuruxClients {

    private GuruxClients() {
    }

    static GXDLMSSecureClient publicClient(DlmsFraming framing, SessionOptions options) {
        return base(framing, ClientRole.PUBLIC, Authentication.NONE, options);
    }

    /**
     * The management client: HLS-GMAC, authenticated and encrypted APDUs with security suite 0.
     * Gurux keeps references to the key arrays: the caller passes copies and overwrites them when the
     * session ends.
     */
    static GXDLMSSecureClient managementClient(DlmsFraming framing, SessionOptions options, byte[] encryptionKey,
                                               byte[] authenticationKey, long invocationCounter) {
        GXDLMSSecureClient client = base(framing, ClientRole.MANAGEMENT, Authentication.HIGH_GMAC, options);
        client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
        client.getCiphering().setSystemTitle(options.clientSystemTitle());
        client.getCiphering().setBlockCipherKey(encryptionKey);
        client.getCiphering().setAuthenticationKey(authenticationKey);
        client.getCiphering().setInvocationCounter(invocationCounter);
        return client;
    }

    private static GXDLMSSecureClient base(DlmsFraming framing, ClientRole role, Authentication authentication,
                                           SessionOptions options) {
        InterfaceType type = framing == DlmsFraming.HDLC ? InterfaceType.HDLC : InterfaceType.WRAPPER;
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, role.clientAddress(), options.serverAddress(),
                authentication, null, type);
        // Without GENERAL_PROTECTION Gurux sends glo-ciphered APDUs, which suite 0 meters expect (NOTES.md).
        client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        return client;
    }
}
