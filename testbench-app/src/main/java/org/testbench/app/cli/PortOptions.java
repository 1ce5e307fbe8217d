package org.testbench.app.cli;

import java.time.Duration;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.transport.PortAddress;
import picocli.CommandLine.Option;

/** How to reach a meter: the port, which of its interfaces, and how long to wait. */
final class PortOptions {

    enum Via { optical, ami }

    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "Optical head: a serial device path (e.g. /dev/ttyUSB0, a pseudo-terminal) or tcp:HOST:PORT.")
    String port;

    @Option(names = "--via", defaultValue = "optical", paramLabel = "optical|ami",
            description = "optical: IEC 62056-21 sign-on, then HDLC (default). ami: DLMS wrapper over TCP.")
    Via via;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for each answer of the meter (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    MeterChannel channel() {
        PortAddress address = PortAddress.parse(port);
        if (timeoutSeconds <= 0) {
            throw new UserException("--timeout must be positive, was " + timeoutSeconds);
        }
        return via == Via.ami ? new AmiChannel(address, Duration.ofSeconds(5))
                : new OpticalChannel(address, SignOnOptions.defaults());
    }

    SessionOptions sessionOptions() {
        return SessionOptions.defaults().withResponseTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }
}
