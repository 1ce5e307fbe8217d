package org.testbench.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.ami.AmiPort;
import org.testbench.lab.cosem.CosemSessionFactory;
import org.testbench.lab.keys.ClientSecrets;
import org.testbench.lab.keys.MeterKeys;
import org.testbench.lab.meter.MeterIdentity;
import org.testbench.lab.meter.MeterPorts;
import org.testbench.lab.meter.MeterState;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPort;
import org.testbench.lab.optical.OpticalPacing;
import org.testbench.lab.optical.OpticalProfile;
import org.testbench.lab.port.LineRecord;

/** Builds one meter: its state, its DLMS application and its two ports, wired together. */
final class MeterAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeterAssembly.class);

    private final VirtualMeter meter;
    private final OpticalPort optical;
    private final AmiPort ami;

    private MeterAssembly(VirtualMeter meter, OpticalPort optical, AmiPort ami) {
        this.meter = meter;
        this.optical = optical;
        this.ami = ami;
    }

    static MeterAssembly start(int position, LabConfig config, Path workDir, MeterKeys keys,
            ClientSecrets secrets, Optional<Path> socat) throws IOException {
        MeterType type = config.meterType(position);
        MeterIdentity identity = MeterIdentity.of(type, position);
        MeterState state = new MeterState(identity, initialImportWh(position), initialExportWh(position),
                config.strictInvocationCounter(), Clock.systemUTC());
        CosemSessionFactory dlms = new CosemSessionFactory(state, keys, secrets);
        String name = "meter-" + identity.serial();
        OpticalProfile profile = new OpticalProfile(identity.manufacturerFlag(),
                identity.model() + "-" + identity.serial(), identity.serial(), config.opticalEcho(),
                type.opticalMode() == MeterType.OpticalMode.DIRECT_HDLC, type.opticalBaud(),
                config.opticalPacing() == OpticalPacing.LINE);
        Optional<OpticalPort.PtyLinks> ptyLinks = socat.map(executable -> new OpticalPort.PtyLinks(executable,
                workDir.resolve("meter-" + position + "-optical"), workDir.resolve("meter-" + position + "-optical.sim"),
                workDir.resolve("meter-" + position + "-socat.log")));
        OpticalPort optical = OpticalPort.open(name + "-optical", profile, dlms, state::supplyOn,
                config.opticalPort(position), ptyLinks);
        AmiPort ami;
        try {
            ami = AmiPort.open(name + "-ami", dlms, state::amiReachable, config.amiPort(position));
        } catch (IOException | RuntimeException e) {
            optical.close();
            throw e;
        }
        dlms.setAmiPort(ami.tcpPort());
        state.onAvailabilityChange(() -> {
            optical.onAvailabilityChanged();
            ami.onAvailabilityChanged();
        });
        VirtualMeter meter = new VirtualMeter(state, new Ports(optical, ami));
        LOG.info("Meter {} ({}, {}) at position {}: optical {}{}, AMI {}", identity.serial(), type,
                identity.firmware(), position, optical.endpoint(), optical.clientPty().map(pty -> " and " + pty).orElse(""),
                ami.endpoint());
        return new MeterAssembly(meter, optical, ami);
    }

    /** Plausible, different readings per position: 1234.5678 kWh for position 1, then more. */
    private static double initialImportWh(int position) {
        return 1_234_567.8 + (position - 1) * 432_198.7;
    }

    private static double initialExportWh(int position) {
        return 23_456.7 + (position - 1) * 9_876.5;
    }

    VirtualMeter meter() {
        return meter;
    }

    @Override
    public void close() {
        ami.close();
        optical.close();
    }

    private record Ports(OpticalPort optical, AmiPort ami) implements MeterPorts {
        @Override
        public String opticalEndpoint() {
            return optical.endpoint();
        }

        @Override
        public Optional<Path> opticalPty() {
            return optical.clientPty();
        }

        @Override
        public String amiEndpoint() {
            return ami.endpoint();
        }

        @Override
        public LineRecord opticalLine() {
            return optical.line();
        }

        @Override
        public Optional<java.time.Duration> lastOpticalReactionTime() {
            return optical.lastReactionTime();
        }
    }
}
