package org.testbench.drivers.dlms;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/** A meter's AMI port: DLMS with the wrapper over TCP, no sign-on. */
public final class AmiChannel implements MeterChannel {

    private final PortAddress address;
    private final Duration connectTimeout;

    public AmiChannel(PortAddress address, Duration connectTimeout) {
        if (!address.isTcp()) {
            throw new IllegalArgumentException("an AMI port is a TCP address (tcp:HOST:PORT), not " + address);
        }
        this.address = address;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    @Override
    public Transport connect() throws IOException {
        return Transport.open(address, connectTimeout);
    }

    @Override
    public DlmsFraming framing() {
        return DlmsFraming.WRAPPER;
    }

    @Override
    public String describe() {
        return address.toString();
    }
}
