package org.testbench.lab.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.DlmsSession;
import org.testbench.lab.port.DlmsSessionFactory;
import org.testbench.lab.port.Framing;
import org.testbench.lab.port.SocketLink;
import org.testbench.lab.port.TcpPortListener;

/**
 * A meter's AMI (WAN) port: DLMS/COSEM over TCP with the wrapper, as a head-end system reaches a
 * meter through its modem. Several head-end connections may be open at once, each with its own
 * DLMS session; while the meter is unreachable (no supply, link down) connections are dropped and
 * new ones closed at once.
 */
public final class AmiPort implements AutoCloseable {

    /** An idle connection is closed after this long, as the TCP-UDP setup object announces. */
    public static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(120);

    private static final Logger LOG = LoggerFactory.getLogger(AmiPort.class);
    private static final int MAX_CONNECTIONS = 8;

    private final TcpPortListener tcp;
    private final BooleanSupplier reachable;

    private AmiPort(TcpPortListener tcp, BooleanSupplier reachable) {
        this.tcp = tcp;
        this.reachable = reachable;
    }

    /**
     * @param name short name for threads and logs, e.g. {@code meter-26000001-ami}
     * @param reachable false while the meter is dead or its link is down
     * @param tcpPort TCP port on 127.0.0.1, 0 for an ephemeral one
     */
    public static AmiPort open(String name, DlmsSessionFactory dlmsSessions, BooleanSupplier reachable, int tcpPort)
            throws IOException {
        Objects.requireNonNull(dlmsSessions, "dlmsSessions");
        TcpPortListener tcp = TcpPortListener.open(name, tcpPort, MAX_CONNECTIONS, reachable,
                (link, connectionName) -> serve(link, connectionName, dlmsSessions, reachable));
        return new AmiPort(tcp, reachable);
    }

    private static void serve(SocketLink link, String connectionName, DlmsSessionFactory dlmsSessions,
            BooleanSupplier reachable) throws IOException {
        byte[] buffer = new byte[4096];
        long lastByte = System.nanoTime();
        try (DlmsSession session = dlmsSessions.open(Framing.WRAPPER, connectionName)) {
            while (reachable.getAsBoolean()) {
                int count = link.read(buffer);
                if (count < 0) {
                    return;
                }
                if (count == 0) {
                    if (System.nanoTime() - lastByte >= INACTIVITY_TIMEOUT.toNanos()) {
                        LOG.info("{}: closed after {} s without a request", connectionName,
                                INACTIVITY_TIMEOUT.toSeconds());
                        return;
                    }
                    continue;
                }
                lastByte = System.nanoTime();
                byte[] reply = session.onReceived(buffer, count);
                if (reply.length > 0) {
                    link.write(reply);
                }
                if (session.isLinkReleased()) {
                    LOG.info("{}: closed after a DLMS failure", connectionName);
                    return;
                }
            }
        }
    }

    public String endpoint() {
        return tcp.endpoint();
    }

    public int tcpPort() {
        return tcp.port();
    }

    /** Called when supply or link changed: an unreachable meter loses every connection. */
    public void onAvailabilityChanged() {
        if (!reachable.getAsBoolean()) {
            tcp.dropConnections();
        }
    }

    @Override
    public void close() {
        tcp.close();
        LOG.debug("{} closed", tcp);
    }
}
