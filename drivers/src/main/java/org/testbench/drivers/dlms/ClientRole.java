package org.testbench.drivers.dlms;

/**
 * The DLMS clients the bench uses, with their client SAP: the public client reads without security,
 * the management client authenticates with HLS-GMAC and ciphers with security suite 0.
 */
public enum ClientRole {
    PUBLIC(16),
    MANAGEMENT(1);

    private final int clientAddress;

    ClientRole(int clientAddress) {
        this.clientAddress = clientAddress;
    }

    public int clientAddress() {
        return clientAddress;
    }
}
