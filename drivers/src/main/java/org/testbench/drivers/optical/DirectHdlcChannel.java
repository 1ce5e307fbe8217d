package org.testbench.drivers.optical;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/**
 * An optical port that speaks HDLC straight away at a fixed rate, without an IEC 62056-21 sign-on (meters
 * that start their optical port in DLMS mode, often at 9600 baud).
 */
public final class DirectHdlcChannel implements MeterChannel {

    private final PortAddress address;
    private final int baud;
    private final Duration connectTimeout;

    public DirectHdlcChannel(PortAddress address, int baud, Duration connectTimeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.baud = baud;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    @Override
    public Transport connect() throws IOException {
        Transport transport = Transport.open(address, connectTimeout);
        try {
            transport.setBaudRate(baud);
            transport.discardInput();
            return transport;
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public DlmsFraming framing() {
        return DlmsFraming.HDLC;
    }

    @Override
    public String describe() {
        return address.toString();
    }
}
