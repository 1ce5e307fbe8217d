package org.testbench.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.testbench.drivers.dlms.MeterChannel;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeySource;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.profile.MeterProfile;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.sequences.profile.MeterProfileReader;
import org.testbench.sequences.yaml.InputFileException;
import picocli.CommandLine.Option;

/** How to reach a meter: the port, which of its interfaces, the meter's type, and how long to wait. */
final class PortOptions {

    enum Via { optical, ami }

    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "Optical head: a serial device path (e.g. /dev/ttyUSB0, a pseudo-terminal) or tcp:HOST:PORT.")
    String port;

    @Option(names = "--via", defaultValue = "optical", paramLabel = "optical|ami",
            description = "optical: the meter's optical port (default). ami: its AMI port over TCP.")
    Via via;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for each answer of the meter (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "The meter type's profile (docs/meter-profile.md): clients, addresses, OBIS codes. "
                    + "Default: the virtual lab's meter (samples/meters/testbench-virtual.yaml).")
    Path profile;

    @Option(names = "--serial", paramLabel = "SERIAL",
            description = "The serial the meter must have: checked against its answer, and used to find its "
                    + "password or keys (and an HDLC address from-serial) without asking the meter first.")
    String serial;

    MeterProfile profile() throws IOException, InputFileException {
        return profile == null ? MeterProfile.TESTBENCH_VIRTUAL : MeterProfileReader.read(profile);
    }

    MeterChannel channel(MeterProfile meterType) {
        PortAddress address = PortAddress.parse(port);
        if (timeoutSeconds <= 0) {
            throw new UserException("--timeout must be positive, was " + timeoutSeconds);
        }
        return via == Via.ami ? ProfiledMeter.amiChannel(meterType, address, Duration.ofSeconds(5))
                : ProfiledMeter.opticalChannel(meterType, address, SignOnOptions.defaults());
    }

    /** The meter behind the port, as its profile describes it. */
    ProfiledMeter meter(Optional<? extends MeterKeySource> keys) throws IOException, InputFileException {
        MeterProfile meterType = profile();
        return new ProfiledMeter(meterType, channel(meterType), Optional.ofNullable(serial), keys, sessionOptions());
    }

    SessionOptions sessionOptions() {
        return SessionOptions.defaults().withResponseTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }
}
