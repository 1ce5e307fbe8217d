package org.testbench.drivers.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * A byte pipe to a device: a serial line or a TCP connection. Reads wait at most the given time so
 * that every protocol above can apply the timeouts of its own standard.
 */
public interface Transport extends AutoCloseable {

    /**
     * Writes all bytes. On a serial line they may still be in the UART afterwards: a caller that
     * changes the baud rate next waits for their transmission time first.
     */
    void write(byte[] data) throws IOException;

    /**
     * Reads what is available, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 when nothing came within the timeout
     * @throws org.testbench.drivers.DeviceException with {@code CONNECTION_LOST} when the peer closed
     */
    int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException;

    /** Changes the line speed; a no-op where there is no line (TCP). */
    void setBaudRate(int baud) throws IOException;

    /** Drops bytes that arrived but were not read yet. */
    void discardInput() throws IOException;

    /** The address this transport is connected to, for messages and evidence. */
    PortAddress address();

    @Override
    void close();

    /** Opens a TCP connection or a serial device, whichever the address names. */
    static Transport open(PortAddress address, Duration connectTimeout) throws IOException {
        return address.isTcp() ? TcpTransport.connect(address, connectTimeout) : SerialTransport.open(address);
    }
}
