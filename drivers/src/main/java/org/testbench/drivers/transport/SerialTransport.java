package org.testbench.drivers.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * A serial line through jSerialComm: USB optical heads, and pseudo-terminals (which jSerialComm opens
 * by path though it does not list them). Always 8N1: IEC 62056-21's 7E1 is done in software by the
 * optical layer, so the same code works on pseudo-terminals, which know only 8N1.
 */
final class SerialTransport implements Transport {

    private final PortAddress address;
    private final SerialPort port;

    private SerialTransport(PortAddress address, SerialPort port) {
        this.address = address;
        this.port = port;
    }

    static SerialTransport open(PortAddress address) throws IOException {
        if (!Files.exists(address.device())) {
            throw new DeviceException(Fault.PORT_NOT_FOUND, address.toString(), "no such serial device");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(address.device().toString());
        } catch (RuntimeException e) {
            throw new DeviceException(Fault.PORT_NOT_FOUND, address.toString(), "not a serial device: " + e.getMessage(), e);
        }
        port.setComPortParameters(300, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new DeviceException(Fault.PORT_UNAVAILABLE, address.toString(),
                    "cannot open serial device (busy or no permission; error " + port.getLastErrorCode() + ")");
        }
        return new SerialTransport(address, port);
    }

    @Override
    public void write(byte[] data) throws IOException {
        int written = port.writeBytes(data, data.length);
        if (written != data.length) {
            throw new DeviceException(Fault.CONNECTION_LOST, address.toString(),
                    "wrote " + Math.max(0, written) + " of " + data.length + " bytes");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) throws IOException {
        // Write blocking without limit: a write returns once the driver has taken every byte.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, Math.toIntExact(timeout.toMillis())), 0);
        int n;
        try {
            n = port.readBytes(buffer, length, offset);
        } catch (RuntimeException e) {
            throw lost(e);
        }
        if (n < 0) {
            throw lost(null);
        }
        return n;
    }

    private DeviceException lost(Exception cause) {
        String detail = cause instanceof SerialPortIOException ? cause.getMessage() : "error " + port.getLastErrorCode();
        return new DeviceException(Fault.CONNECTION_LOST, address.toString(), "serial device went away (" + detail + ")", cause);
    }

    @Override
    public void setBaudRate(int baud) throws IOException {
        if (!port.setBaudRate(baud)) {
            throw new DeviceException(Fault.PORT_UNAVAILABLE, address.toString(), "cannot set " + baud + " baud");
        }
    }

    @Override
    public void discardInput() {
        byte[] scratch = new byte[256];
        while (port.bytesAvailable() > 0 && port.readBytes(scratch, scratch.length) > 0) {
            // drain
        }
    }

    @Override
    public PortAddress address() {
        return address;
    }

    @Override
    public void close() {
        port.closePort();
    }

    @Override
    public String toString() {
        return "SerialTransport[" + address + "]";
    }
}
