package org.testbench.lab.mdms.headend;

import java.nio.charset.StandardCharsets;

import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.Conformance;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.Security;
import gurux.dlms.secure.GXDLMSSecureClient;

/** The head-end's two DLMS client roles, configured as the lab's meters expect them. */
final class DlmsClients {

    /** Public client: no authentication, reads only. */
    static final int PUBLIC_CLIENT = 16;
    /** Management client of most meters: HLS-GMAC, security suite 0. */
    static final int MANAGEMENT_CLIENT = 1;
    /** Logical device of most meters (the management logical device). */
    static final int SERVER = 1;
    /** The head-end's own system title: it is part of the AES-GCM nonce of every frame it sends. */
    static final byte[] SYSTEM_TITLE = "TBHES001".getBytes(StandardCharsets.US_ASCII);

    private DlmsClients() {
    }

    static GXDLMSSecureClient publicClient(int server) {
        return new GXDLMSSecureClient(true, PUBLIC_CLIENT, server, Authentication.NONE, null, InterfaceType.WRAPPER);
    }

    /**
     * A management client that protects every APDU with suite 0 (authenticated and encrypted).
     * Gurux keeps references to the key arrays: the caller wipes them after the session.
     *
     * @param invocationCounter the first counter to send: one more than the meter last accepted
     */
    static GXDLMSSecureClient managementClient(int server, int clientAddress, byte[] encryptionKey,
            byte[] authenticationKey, long invocationCounter) {
        GXDLMSSecureClient client = new GXDLMSSecureClient(true, clientAddress, server,
                Authentication.HIGH_GMAC, null, InterfaceType.WRAPPER);
        client.getCiphering().setSecurity(Security.AUTHENTICATION_ENCRYPTION);
        client.getCiphering().setSystemTitle(SYSTEM_TITLE.clone());
        client.getCiphering().setBlockCipherKey(encryptionKey);
        client.getCiphering().setAuthenticationKey(authenticationKey);
        client.getCiphering().setInvocationCounter(invocationCounter);
        // With GENERAL_PROTECTION proposed, Gurux switches to general-glo-ciphering; plain
        // glo-ciphered services are what every suite-0 meter understands.
        client.getProposedConformance().remove(Conformance.GENERAL_PROTECTION);
        return client;
    }
}
