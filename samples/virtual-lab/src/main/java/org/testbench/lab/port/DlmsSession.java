package org.testbench.lab.port;

import java.io.Closeable;

/**
 * The DLMS/COSEM server side of one client connection. A port feeds it the bytes it receives and
 * sends back what it returns; framing, association and security are the session's business.
 */
public interface DlmsSession extends Closeable {

    /**
     * Processes received bytes (any split: partial or several frames).
     *
     * @return the bytes to send back, empty when there is nothing to answer
     */
    byte[] onReceived(byte[] data, int length);

    /**
     * True once the link layer is over: HDLC disconnected by the client, or the session had to
     * give up after an internal failure. The port then returns to its idle state.
     */
    boolean isLinkReleased();

    /** Frees the session; never throws. */
    @Override
    void close();
}
