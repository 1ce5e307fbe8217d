package org.testbench.mdms.tls.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.mdms.tls.TlsAuditException;

/**
 * One TLS handshake per call, on a fresh TCP connection, offering exactly what it is told. A server
 * that answers with an alert, closes or resets has refused the offer; a server that cannot be reached
 * at all stops the audit. Thread-safe: an audit runs several probes at once.
 */
public final class TlsProbe {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProbe.class);

    private final InetSocketAddress address;
    private final String sniHost;
    private final Duration timeout;
    private final TlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final AtomicInteger handshakes = new AtomicInteger();

    /**
     * @param sniHost the host name to send in server_name, null for an IP address (SNI carries names only)
     */
    public TlsProbe(InetSocketAddress address, String sniHost, Duration timeout) {
        this.address = address;
        this.sniHost = sniHost;
        this.timeout = timeout;
    }

    public TlsCrypto crypto() {
        return crypto;
    }

    /** How many handshakes were attempted so far. */
    public int handshakes() {
        return handshakes.get();
    }

    /**
     * Offers these versions, suites and groups.
     *
     * @return the server's choice, or empty when it refused
     * @throws TlsAuditException when no TCP connection can be made
     */
    public Optional<Handshake> offer(List<ProtocolVersion> versions, int[] suites, int[] groups)
            throws TlsAuditException {
        handshakes.incrementAndGet();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(address, (int) timeout.toMillis());
            } catch (IOException e) {
                throw new TlsAuditException("cannot connect to " + address.getHostString() + ":" + address.getPort()
                        + ": " + e.getMessage(), e);
            }
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            ProbeClient client = new ProbeClient(crypto, versions.toArray(new ProtocolVersion[0]), suites, groups,
                    sniHost);
            TlsClientProtocol tls = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            try {
                tls.connect(client);
            } catch (IOException | RuntimeException e) {
                LOG.trace("{} refused {} / {} suite(s) / {} group(s): {}", address, versions, suites.length,
                        groups.length, e.toString());
                return Optional.empty();
            }
            SecurityParameters agreed = client.context().getSecurityParametersConnection();
            Handshake handshake = new Handshake(agreed.getNegotiatedVersion(), agreed.getCipherSuite(),
                    agreed.getNegotiatedGroup(), client.chain(), client.stapled());
            try {
                tls.close();
            } catch (IOException e) {
                LOG.trace("closing a probe connection to {}: {}", address, e.toString());
            }
            return Optional.of(handshake);
        } catch (TlsAuditException e) {
            throw e;
        } catch (IOException e) {
            // Only socket set-up and close end here; the handshake's own failures are refusals above.
            LOG.trace("probe socket to {}: {}", address, e.toString());
            return Optional.empty();
        }
    }
}
