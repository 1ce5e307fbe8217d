package org.testbench.lab.optical;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.DlmsSessionFactory;
import org.testbench.lab.port.LineRecord;
import org.testbench.lab.port.PseudoTerminalPair;
import org.testbench.lab.port.PtyService;
import org.testbench.lab.port.TcpPortListener;

/**
 * A meter's optical port: a TCP endpoint (a networked optical head) and, where socat exists, a
 * pseudo-terminal pair (a serial optical head). Both run the same IEC 62056-21 mode E protocol.
 *
 * <p>The TCP endpoint serves one client at a time: a second connection is accepted and closed at
 * once, as a busy head cannot be shared. The pty is a second, independent head on the same meter.
 */
public final class OpticalPort implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpticalPort.class);

    private final TcpPortListener tcp;
    private final PtyService pty;
    private final BooleanSupplier powered;
    private final LineRecord line;
    private final AtomicReference<Duration> lastReaction;

    private OpticalPort(TcpPortListener tcp, PtyService pty, BooleanSupplier powered, LineRecord line,
            AtomicReference<Duration> lastReaction) {
        this.lastReaction = lastReaction;
        this.tcp = tcp;
        this.pty = pty;
        this.powered = powered;
        this.line = line;
    }

    /**
     * Opens the port.
     *
     * @param name short name for threads and logs, e.g. {@code meter-26000001-optical}
     * @param powered false while the meter has no supply
     * @param tcpPort TCP port on 127.0.0.1, 0 for an ephemeral one
     * @param ptyLinks where to create the client and simulator pty links, or empty for no pty
     */
    public static OpticalPort open(String name, OpticalProfile profile, DlmsSessionFactory dlmsSessions,
            BooleanSupplier powered, int tcpPort, Optional<PtyLinks> ptyLinks) throws IOException {
        Objects.requireNonNull(profile, "profile");
        LineRecord line = new LineRecord();
        AtomicReference<Duration> lastReaction = new AtomicReference<>();
        TcpPortListener tcp = TcpPortListener.open(name, tcpPort, 1, powered,
                (link, connectionName) -> new OpticalSession(link, profile, dlmsSessions, powered, connectionName,
                        line, lastReaction::set).run(() -> true));
        try {
            String ptyName = name + "-pty";
            PtyService pty = ptyLinks.isPresent()
                    ? PtyService.start(ptyName, ptyLinks.get().socat(), ptyLinks.get().clientLink(),
                            ptyLinks.get().simulatorLink(), ptyLinks.get().socatLog(),
                            link -> new OpticalSession(link, profile, dlmsSessions, powered, ptyName, line,
                                    lastReaction::set)::run)
                    : null;
            return new OpticalPort(tcp, pty, powered, line, lastReaction);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** Where the pty links go and where socat logs. */
    public record PtyLinks(Path socat, Path clientLink, Path simulatorLink, Path socatLog) {
    }

    /** The socat executable on the PATH, if any. */
    public static Optional<Path> findSocat() {
        return PseudoTerminalPair.findSocat();
    }

    /**
     * How long the meter waited, by its own clock, between the request that completed a sign-on request and its
     * identification, for the last identification it sent; empty before the first.
     */
    public Optional<Duration> lastReactionTime() {
        return Optional.ofNullable(lastReaction.get());
    }

    public String endpoint() {
        return tcp.endpoint();
    }

    public int tcpPort() {
        return tcp.port();
    }

    /** What a paced port carried and when (empty when the port is not paced). */
    public LineRecord line() {
        return line;
    }

    /** The pty a client opens, if the port has one. */
    public Optional<Path> clientPty() {
        return Optional.ofNullable(pty).map(PtyService::clientLink);
    }

    /** Called when supply or link changed: without supply every TCP client is dropped. */
    public void onAvailabilityChanged() {
        if (!powered.getAsBoolean()) {
            tcp.dropConnections();
        }
    }

    @Override
    public void close() {
        tcp.close();
        if (pty != null) {
            pty.close();
        }
        LOG.debug("{} closed", tcp);
    }
}
