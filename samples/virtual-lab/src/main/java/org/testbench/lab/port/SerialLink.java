package org.testbench.lab.port;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A {@link ByteLink} over a serial device, here the simulator's end of a pseudo-terminal pair.
 * Pseudo-terminals are always 8N1 and ignore the baud rate; a protocol that needs 7E1 (the
 * optical sign-on) does it in software above.
 */
public final class SerialLink implements ByteLink {

    private final SerialPort port;
    private final Path device;

    private SerialLink(SerialPort port, Path device) {
        this.port = port;
        this.device = device;
    }

    public static SerialLink open(Path device, Duration pollInterval) throws IOException {
        SerialPort port = SerialPort.getCommPort(device.toString());
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) pollInterval.toMillis(), 0);
        // No safety sleep: a pty needs none, and jSerialComm's default would delay every lab start.
        if (!port.openPort(0)) {
            throw new IOException("cannot open " + device + " (jSerialComm error " + port.getLastErrorCode() + ")");
        }
        return new SerialLink(port, device);
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        int count = port.readBytes(buffer, buffer.length);
        if (count < 0) {
            if (!port.isOpen()) {
                return -1;
            }
            throw new IOException("read from " + device + " failed (jSerialComm error " + port.getLastErrorCode() + ")");
        }
        return count;
    }

    @Override
    public void write(byte[] data) throws IOException {
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            throw new IOException("write to " + device + " failed: " + written + " of " + data.length + " bytes");
        }
    }

    @Override
    public String describe() {
        return device.toString();
    }

    @Override
    public void close() {
        port.closePort();
    }
}
