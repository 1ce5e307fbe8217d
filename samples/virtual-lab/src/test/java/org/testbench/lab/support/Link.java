package org.testbench.lab.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The client's side of a byte link: a TCP connection or a serial device (pty). Reads block until
 * a byte arrives or the timeout passes (then they return -2, distinct from end of stream -1).
 */
public abstract class Link implements Closeable {

    public static final int TIMEOUT = -2;

    public abstract void write(byte[] data) throws IOException;

    /** One byte, -1 at end of stream, {@link #TIMEOUT} if nothing arrived in time. */
    public abstract int read(Duration timeout) throws IOException;

    public static Link tcp(String endpoint) throws IOException {
        Socket socket = new Socket("127.0.0.1", TestLabs.portOf(endpoint));
        socket.setTcpNoDelay(true);
        return new TcpLink(socket);
    }

    public static Link serial(Path device) throws IOException {
        SerialPort port = SerialPort.getCommPort(device.toString());
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        if (!port.openPort(0)) {
            throw new IOException("cannot open " + device);
        }
        return new SerialLinkClient(port);
    }

    /** Reads exactly {@code count} bytes or fails. */
    public byte[] readExactly(int count, Duration timeout) throws IOException {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            int b = read(timeout);
            if (b < 0) {
                throw new IOException("link ended or timed out after " + i + " of " + count + " bytes");
            }
            data[i] = (byte) b;
        }
        return data;
    }

    private static final class TcpLink extends Link {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        TcpLink(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public void write(byte[] data) throws IOException {
            out.write(data);
            out.flush();
        }

        @Override
        public int read(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            try {
                return in.read();
            } catch (SocketTimeoutException e) {
                return TIMEOUT;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class SerialLinkClient extends Link {
        private final SerialPort port;

        SerialLinkClient(SerialPort port) {
            this.port = port;
        }

        @Override
        public void write(byte[] data) throws IOException {
            if (port.writeBytes(data, data.length) != data.length) {
                throw new IOException("write failed");
            }
        }

        @Override
        public int read(Duration timeout) throws IOException {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, timeout.toMillis()), 0);
            byte[] one = new byte[1];
            int count = port.readBytes(one, 1);
            if (count < 0) {
                return -1;
            }
            return count == 0 ? TIMEOUT : one[0] & 0xFF;
        }

        @Override
        public void close() {
            port.closePort();
        }
    }
}
