package org.testbench.drivers.dlms;

import java.io.IOException;
import org.testbench.drivers.transport.Transport;

/**
 * A way to reach a meter's DLMS server: the optical port (sign-on, then HDLC) or the AMI port
 * (wrapper over TCP). Each {@link #connect()} gives a fresh link, so a session after a release starts
 * from the device's initial state.
 */
public interface MeterChannel {

    /** Opens the link and brings it to the point where DLMS frames can flow. */
    Transport connect() throws IOException;

    DlmsFraming framing();

    /** The port, for messages and evidence. */
    String describe();
}
