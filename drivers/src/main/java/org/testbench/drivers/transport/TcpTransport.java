package org.testbench.drivers.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/** A TCP connection: networked optical heads, meter AMI ports, the virtual lab. */
final class TcpTransport implements Transport {

    private final PortAddress address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpTransport(PortAddress address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static TcpTransport connect(PortAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.tcpPort()), Math.toIntExact(timeout.toMillis()));
            return new TcpTransport(address, socket);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new DeviceException(Fault.PORT_NOT_FOUND, address.toString(), "unknown host " + address.host(), e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new DeviceException(Fault.PORT_NOT_FOUND, address.toString(), "connection refused", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DeviceException(Fault.NO_ANSWER, address.toString(),
                    "no connection within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DeviceException(Fault.PORT_UNAVAILABLE, address.toString(), "cannot connect: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new DeviceException(Fault.CONNECTION_LOST, address.toString(), "write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        try {
            socket.setSoTimeout(Math.max(1, Math.toIntExact(timeout.toMillis())));
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new DeviceException(Fault.CONNECTION_LOST, address.toString(), "connection closed by the device");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (DeviceException e) {
            throw e;
        } catch (IOException e) {
            throw new DeviceException(Fault.CONNECTION_LOST, address.toString(), "read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void setBaudRate(int baud) {
        // A TCP optical head switches its own line; nothing to do on this side.
    }

    @Override
    public void discardInput() throws IOException {
        int available = in.available();
        if (available > 0) {
            in.skipNBytes(available);
        }
    }

    @Override
    public PortAddress address() {
        return address;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do with a socket that fails to close.
        }
    }

    @Override
    public String toString() {
        return "TcpTransport[" + address + "]";
    }
}
