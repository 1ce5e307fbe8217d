package org.testbench.drivers.optical;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/**
 * A meter's optical port through an IEC 62056-21 optical head, on a serial line or a networked head
 * ({@code tcp:HOST:PORT}). Every {@link #connect()} signs on again, as the meter falls back to its
 * initial state after a disconnect.
 */
public final class OpticalChannel implements MeterChannel {

    private final PortAddress address;
    private final SignOnOptions options;
    private volatile SignOnResult lastSignOn;

    public OpticalChannel(PortAddress address, SignOnOptions options) {
        this.address = Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
    }

    public OpticalChannel(PortAddress address) {
        this(address, SignOnOptions.defaults());
    }

    @Override
    public Transport connect() throws IOException {
        Transport transport = Transport.open(address, options.connectTimeout());
        try {
            SignOnResult result = ModeESignOn.perform(transport, options);
            lastSignOn = result;
            return result.transport();
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** The identification and timing of the latest successful sign-on. */
    public Optional<SignOnResult> lastSignOn() {
        return Optional.ofNullable(lastSignOn);
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
