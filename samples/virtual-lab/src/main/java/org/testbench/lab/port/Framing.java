package org.testbench.lab.port;

/** How DLMS APDUs are framed on a port. */
public enum Framing {
    /** HDLC (IEC 62056-46), used on the optical port after mode E sign-on. */
    HDLC,
    /** The DLMS/COSEM TCP wrapper (IEC 62056-47), used on the AMI port. */
    WRAPPER
}
