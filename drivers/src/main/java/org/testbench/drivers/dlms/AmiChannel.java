package org.testbench.drivers.dlms;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/** A meter's AMI port: DLMS over TCP, no sign-on; with the wrapper (the usual) or in HDLC frames. */
public final class AmiChannel implements MeterChannel {

    private final PortAddress address;
    private final Duration connectTimeout;
    private final DlmsFraming framing;

    public AmiChannel(PortAddress address, Duration connectTimeout) {
        this(address, connectTimeout, DlmsFraming.WRAPPER);
    }

    public AmiChannel(PortAddress address, Duration connectTimeout, DlmsFraming framing) {
        if (!address.isTcp()) {
            throw new IllegalArgumentException("an AMI port is a TCP address (tcp:HOST:PORT), not " + address);
        }
        this.address = address;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    @Override
    public Transport connect() throws IOException {
        return Transport.open(address, connectTimeout);
    }

    @Override
    public DlmsFraming framing() {
        return framing;
    }

    @Override
    public String describe() {
        return address.toString();
    }
}
