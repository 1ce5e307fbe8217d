package org.testbench.drivers.dlms;

/** How DLMS APDUs travel: HDLC frames (optical port, serial lines) or the TCP/UDP wrapper (AMI). */
public enum DlmsFraming {
    HDLC,
    WRAPPER
}
