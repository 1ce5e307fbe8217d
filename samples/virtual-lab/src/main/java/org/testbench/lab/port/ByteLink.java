package org.testbench.lab.port;

import java.io.Closeable;
import java.io.IOException;

/**
 * A bidirectional byte stream between a meter port and one client: a TCP connection or a serial
 * line. Reads poll, so that the reading thread can notice a stop request or an inactivity timeout.
 */
public interface ByteLink extends Closeable {

    /**
     * Reads what arrived.
     *
     * @return the number of bytes read, 0 if nothing arrived within the poll interval, -1 at the
     *         end of the stream
     */
    int read(byte[] buffer) throws IOException;

    void write(byte[] data) throws IOException;

    /** Where the other end is, for log lines. */
    String describe();
}
