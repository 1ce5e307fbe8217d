package org.testbench.lab.mdms.tls;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS endpoint of the simulated MDMS: terminates TLS with a {@link MdmsTlsProfile} on an
 * ephemeral loopback port and passes the plain bytes to the MDMS's HTTP server, both ways. Each
 * connection gets its own handshake thread and, once established, a second thread for the answers.
 */
public final class TlsFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TlsFront.class);
    /** A client that has not finished its handshake in this time is dropped. */
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int BUFFER = 16 * 1024;
    /** How long a refused client may go on sending after the alert (see {@link #lingerAfterAlert}). */
    private static final int LINGER_MS = 2_000;

    private final MdmsTlsProfile profile;
    private final ClientTrust clientTrust;
    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final byte[][] chain;
    private final AsymmetricKeyParameter privateKey;
    private final ExecutorService connections;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private TlsFront(MdmsTlsProfile profile, ServerCredentials credentials, ClientTrust clientTrust,
            InetSocketAddress backend, ServerSocket listener) throws IOException {
        this.profile = profile;
        this.clientTrust = clientTrust;
        this.listener = listener;
        this.backend = backend;
        this.chain = new byte[credentials.chain().size()][];
        try {
            for (int i = 0; i < chain.length; i++) {
                chain[i] = credentials.chain().get(i).getEncoded();
            }
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the server certificate: " + e.getMessage(), e);
        }
        this.privateKey = PrivateKeyFactory.createKey(credentials.privateKey().getEncoded());
        AtomicInteger count = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mdms-tls-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "mdms-tls-accept");
        this.acceptor.setDaemon(true);
    }

    /** Listens on an ephemeral loopback port and forwards every established connection to the backend. */
    public static TlsFront start(MdmsTlsProfile profile, ServerCredentials credentials, InetSocketAddress backend)
            throws IOException {
        return start(profile, credentials, ClientTrust.none(), backend);
    }

    /** As {@link #start(MdmsTlsProfile, ServerCredentials, InetSocketAddress)}, asking clients for certificates. */
    public static TlsFront start(MdmsTlsProfile profile, ServerCredentials credentials, ClientTrust clientTrust,
            InetSocketAddress backend) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            TlsFront front = new TlsFront(profile, credentials, clientTrust, backend, listener);
            front.acceptor.start();
            LOG.info("MDMS TLS front on {} (profile {}: {}), certificate {}, client certificates: {}", front.url(),
                    profile.externalName(), profile.description(), credentials, clientTrust);
            return front;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String url() {
        return "https://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    public MdmsTlsProfile profile() {
        return profile;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("MDMS TLS front: accept failed: {}", e.getMessage());
                }
            } catch (RuntimeException e) { // rejected after close
                if (!closed) {
                    LOG.warn("MDMS TLS front: cannot serve a connection", e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        Socket upstream = null;
        try {
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            // Bouncy Castle closes its streams when it sends a fatal alert; these half-close instead, so that a refused
            // client can still read the alert (lingerAfterAlert). The socket itself is closed below in every case.
            InputStream socketIn = socket.getInputStream();
            OutputStream socketOut = socket.getOutputStream();
            TlsServerProtocol tls = new TlsServerProtocol(new FilterInputStream(socketIn) {
                @Override
                public void close() {
                    // kept open for lingerAfterAlert
                }
            }, new FilterOutputStream(socketOut) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    socketOut.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    socketOut.flush();
                    if (!socket.isOutputShutdown() && !socket.isClosed()) {
                        socket.shutdownOutput();
                    }
                }
            });
            ProfileTlsServer server = new ProfileTlsServer(crypto, profile, chain, privateKey, clientTrust);
            try {
                tls.accept(server);
            } catch (IOException e) {
                // Refused handshakes are the point of the weak profiles and of every audit probe.
                LOG.debug("MDMS TLS front: handshake from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
                if (server.refusedClient()) {
                    lingerAfterAlert(socket);
                }
                return;
            }
            socket.setSoTimeout(0);
            upstream = new Socket();
            upstream.connect(backend, HANDSHAKE_TIMEOUT_MS);
            open.add(upstream);
            Socket backendSocket = upstream;
            InputStream fromClient = tls.getInputStream();
            OutputStream toClient = tls.getOutputStream();
            InputStream fromBackend = backendSocket.getInputStream();
            connections.execute(() -> copy(fromBackend, toClient, socket, backendSocket));
            copy(fromClient, backendSocket.getOutputStream(), socket, backendSocket);
        } catch (IOException | RuntimeException e) {
            LOG.debug("MDMS TLS front: connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            closeQuietly(socket);
            closeQuietly(upstream);
        }
    }

    /**
     * In TLS 1.3 the server judges the client's certificate after the client has finished its handshake, and the
     * client is already sending its request. Closing at once would make the client's write fail (broken pipe) or its
     * read end in a reset, before it reads the alert that says why; like a web server's lingering close, the alert is
     * followed by a half-close and what the client still sends is read and dropped, for a short while.
     */
    private static void lingerAfterAlert(Socket socket) {
        try {
            if (!socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
            socket.setSoTimeout(LINGER_MS);
            InputStream in = socket.getInputStream();
            byte[] discard = new byte[BUFFER];
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
            while (in.read(discard) >= 0 && System.nanoTime() < end) {
                // dropped: the connection is refused
            }
        } catch (IOException e) {
            // the client went away first: nothing more to tell it
        }
    }

    /** Copies until either side ends, then closes both: an HTTP exchange has no half-closed state here. */
    private void copy(InputStream in, OutputStream out, Socket a, Socket b) {
        byte[] buffer = new byte[BUFFER];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            if (!(e instanceof SocketException)) {
                LOG.debug("MDMS TLS front: {} ended: {}", a.getRemoteSocketAddress(), e.toString());
            }
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    private void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing {}: {}", socket, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the MDMS TLS listener: {}", e.toString());
        }
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.trace("closing {}: {}", c, e.toString());
            }
        }
        connections.shutdownNow();
        try {
            if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("MDMS TLS front: connection threads still busy after stop");
            }
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
