package org.testbench.lab.cosem;

/** Addresses of the meter's DLMS server and of the clients it knows. */
final class CosemAddresses {

    /** Logical device (server SAP) of the meter: one-byte HDLC address 1, wrapper port 1. */
    static final int SERVER = 1;
    /** Management client: HLS-GMAC, security suite 0, may invoke methods. */
    static final int MANAGEMENT_CLIENT = 1;
    /** Public client: no authentication, read only. */
    static final int PUBLIC_CLIENT = 16;

    private CosemAddresses() {
    }
}
