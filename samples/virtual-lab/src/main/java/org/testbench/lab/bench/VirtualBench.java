package org.testbench.lab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.port.PtyService;
import org.testbench.lab.port.TcpPortListener;

/**
 * A simulated multi-position meter test bench: one SCPI instrument (docs/bench-scpi.md) with a
 * position per meter of the lab, reachable over TCP on 127.0.0.1 and, where socat exists, over a
 * pseudo-terminal. Its source feeds the meters it holds: voltage where the meter's supply is on,
 * current where in addition the meter's relay is closed, and the load energy into the meters'
 * registers.
 *
 * <p>When started, the bench is as after {@code *RST} except for the current: source off, 230 V,
 * <b>5 A</b>, 0°, every AMI link up and every supply on ({@code *RST} sets 0 A, as the contract
 * says). So {@code OUTP ON} alone loads every closed relay with 1150 W.
 *
 * <p>The accessors ({@link #sourceOn()}, {@link #measure(int)}, ...) tell tests the bench's state
 * without going through SCPI. Thread-safe.
 */
public final class VirtualBench implements AutoCloseable {

    /** Several drivers may share a bench; each TCP client has its own connection. */
    static final int MAX_TCP_CLIENTS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(VirtualBench.class);
    private static final String NAME = "bench";

    private final BenchHardware hardware;
    private final TcpPortListener tcp;
    /** The link a client opens in the lab's work directory. */
    static final String SERIAL_LINK = "bench-scpi";

    private final PtyService serial;
    private final EnergyTicker ticker;
    private boolean closed;

    private VirtualBench(BenchHardware hardware, TcpPortListener tcp, PtyService serial, EnergyTicker ticker) {
        this.hardware = hardware;
        this.tcp = tcp;
        this.serial = serial;
        this.ticker = ticker;
    }

    /**
     * Starts the bench with the lab's meters, position N holding the meter of position N.
     *
     * @param meters ordered by position, 1..N
     */
    public static VirtualBench start(List<VirtualMeter> meters, BenchOptions options) throws IOException {
        List<BenchPosition> positions = meters.stream().map(BenchPosition::new).toList();
        BenchHardware hardware = new BenchHardware(positions, new MeasurementNoise(new Random()),
                new EnergyIntegrator(options.timeAcceleration(), System::nanoTime));
        ScpiInstrument instrument = new ScpiInstrument(NAME,
                BenchCommands.of(hardware, BenchIdentity.forPositions(positions.size())));

        TcpPortListener tcp = TcpPortListener.open(NAME + "-scpi", options.tcpPort(), MAX_TCP_CLIENTS, () -> true,
                (link, connectionName) -> new ScpiSession(link, instrument, connectionName).run(() -> true));
        PtyService serial = null;
        try {
            if (options.socat().isPresent()) {
                // The bench's RS-232 line: the client opens <workDir>/bench-scpi at 9600 8N1.
                String ptyName = NAME + "-scpi-pty";
                serial = PtyService.start(ptyName, options.socat().get(), options.workDir().resolve(SERIAL_LINK),
                        options.workDir().resolve(SERIAL_LINK + ".sim"), options.workDir().resolve("bench-socat.log"),
                        link -> new ScpiSession(link, instrument, ptyName)::run);
            }
            EnergyTicker ticker = EnergyTicker.start(hardware, "vlab-" + NAME + "-energy");
            VirtualBench bench = new VirtualBench(hardware, tcp, serial, ticker);
            LOG.info("Bench with {} position(s): SCPI on {}{}, time acceleration {}", positions.size(),
                    tcp.endpoint(), bench.serialPty().map(pty -> " and " + pty).orElse(""), options.timeAcceleration());
            return bench;
        } catch (IOException | RuntimeException e) {
            if (serial != null) {
                serial.close();
            }
            tcp.close();
            throw e;
        }
    }

    /** {@code tcp:127.0.0.1:PORT} of the SCPI interface. */
    public String scpiEndpoint() {
        return tcp.endpoint();
    }

    /** The pty a client opens as the bench's serial line ({@code <workDir>/bench-scpi}); empty without socat. */
    public Optional<Path> serialPty() {
        return Optional.ofNullable(serial).map(PtyService::clientLink);
    }

    /** Number of positions, one per meter. */
    public int positions() {
        return hardware.positionCount();
    }

    /** True while the source is on ({@code OUTPut?}). */
    public boolean sourceOn() {
        return hardware.source().outputOn();
    }

    /** The source voltage setting in V. */
    public double voltage() {
        return hardware.source().volts();
    }

    /** The source current setting in A. */
    public double current() {
        return hardware.source().amperes();
    }

    /** The phase angle setting in degrees. */
    public double phaseDegrees() {
        return hardware.source().phaseDegrees();
    }

    /** What {@code MEASure:ALL? (@position)} would answer now, noise included. */
    public Measurement measure(int position) {
        return hardware.measure(position);
    }

    /** Simulated time per wall time of the energy registers. */
    public double timeAcceleration() {
        return hardware.timeAcceleration();
    }

    /** Stops the ticker, the TCP listener (dropping clients) and the serial line with its socat. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.close();
        tcp.close();
        if (serial != null) {
            serial.close();
        }
        LOG.debug("Bench stopped");
    }

    @Override
    public String toString() {
        return "VirtualBench[positions=" + positions() + ", scpi=" + scpiEndpoint() + "]";
    }
}
