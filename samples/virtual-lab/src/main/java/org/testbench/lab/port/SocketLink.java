package org.testbench.lab.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A {@link ByteLink} over an accepted TCP connection. */
public final class SocketLink implements ByteLink {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public SocketLink(Socket socket, Duration pollInterval) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) pollInterval.toMillis());
        // Frames are small and request/response: send each one at once.
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    @Override
    public String describe() {
        return "tcp:" + socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
