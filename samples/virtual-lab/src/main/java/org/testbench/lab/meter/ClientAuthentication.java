package org.testbench.lab.meter;

/** How a client proves who it is when it opens its association. */
public enum ClientAuthentication {
    /** Lowest level security: no proof. */
    NONE,
    /** Low level security (LLS): a password in the AARQ. */
    LOW,
    /** High level security with GMAC (mechanism 5), security suite 0. */
    HLS_GMAC
}
