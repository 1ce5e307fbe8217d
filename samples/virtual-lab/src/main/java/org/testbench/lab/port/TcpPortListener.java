package org.testbench.lab.port;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener on the loopback interface that serves each connection on its own thread.
 *
 * <p>While the port is unavailable (meter without supply, AMI link down) a connection is accepted
 * and closed at once: the client sees its connection end without a byte, which is what a dead
 * modem or a cut link looks like from the head-end. A connection beyond {@code maxConcurrent} waits
 * briefly for a client to leave (a client that hangs up and dials again at once must not find its
 * own previous connection still in the way), then is closed the same way: a busy port never queues
 * a client for long.
 */
public final class TcpPortListener implements AutoCloseable {

    /** How often blocked reads wake up to check for a stop request. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(TcpPortListener.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);
    /** How long a new client waits for a busy port before it is turned away. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(2);
    private static final int BACKLOG = 50;

    private final String name;
    private final ServerSocket serverSocket;
    private final int maxConcurrent;
    private final BooleanSupplier available;
    private final ConnectionHandler handler;
    private final Map<Socket, Thread> connections = new LinkedHashMap<>();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final Thread acceptThread;
    private volatile boolean closed;

    private TcpPortListener(String name, ServerSocket serverSocket, int maxConcurrent, BooleanSupplier available,
            ConnectionHandler handler) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.maxConcurrent = maxConcurrent;
        this.available = available;
        this.handler = handler;
        this.acceptThread = new Thread(this::acceptLoop, "vlab-" + name + "-accept");
        this.acceptThread.setDaemon(true);
    }

    /**
     * Binds {@code 127.0.0.1:port} (0: an ephemeral port) and starts accepting.
     *
     * @param name short name for threads and log lines, e.g. {@code meter-26000001-ami}
     * @param maxConcurrent how many clients are served at the same time
     * @param available false while connections must be refused
     */
    public static TcpPortListener open(String name, int port, int maxConcurrent, BooleanSupplier available,
            ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(name, "name");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + " for " + name + ": " + e.getMessage(), e);
        }
        TcpPortListener listener = new TcpPortListener(name, socket, maxConcurrent,
                Objects.requireNonNull(available, "available"), Objects.requireNonNull(handler, "handler"));
        listener.acceptThread.start();
        return listener;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code tcp:127.0.0.1:PORT}. */
    public String endpoint() {
        return "tcp:127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed, the port stops listening", name, e);
                }
                return;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        String peer = socket.getRemoteSocketAddress().toString();
        if (!available.getAsBoolean()) {
            LOG.debug("{}: connection from {} dropped, the port is unavailable", name, peer);
            closeQuietly(socket);
            return;
        }
        String connectionName = name + "#" + connectionNumbers.incrementAndGet();
        Thread thread = new Thread(() -> serve(socket, connectionName), "vlab-" + connectionName);
        thread.setDaemon(true);
        synchronized (connections) {
            awaitFreeSlot();
            if (closed || connections.size() >= maxConcurrent) {
                LOG.info("{}: connection from {} closed, the port serves {} client(s) at a time", name, peer,
                        maxConcurrent);
                closeQuietly(socket);
                return;
            }
            connections.put(socket, thread);
        }
        LOG.debug("{}: connection from {}", connectionName, peer);
        thread.start();
    }

    /** Called holding the lock on {@code connections}. */
    private void awaitFreeSlot() {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (!closed && connections.size() >= maxConcurrent) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                connections.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void serve(Socket socket, String connectionName) {
        try (SocketLink link = new SocketLink(socket, POLL_INTERVAL)) {
            handler.serve(link, connectionName);
        } catch (SocketException e) {
            // Dropped by us (supply off, link down, close) or reset by the client: an ordinary end.
            LOG.debug("{}: connection ended: {}", connectionName, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: connection failed", connectionName, e);
        } finally {
            synchronized (connections) {
                connections.remove(socket);
                connections.notifyAll();
            }
            LOG.debug("{}: closed", connectionName);
        }
    }

    /** Closes every open connection; the listener keeps accepting. */
    public void dropConnections() {
        List<Socket> open;
        synchronized (connections) {
            open = new ArrayList<>(connections.keySet());
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        if (!open.isEmpty()) {
            LOG.debug("{}: dropped {} connection(s)", name, open.size());
        }
    }

    /** Stops listening, drops every connection and waits for their threads to end. */
    @Override
    public void close() {
        List<Thread> threads;
        synchronized (connections) {
            if (closed) {
                return;
            }
            closed = true;
            threads = new ArrayList<>(connections.values());
        }
        closeQuietly(serverSocket);
        dropConnections();
        threads.add(acceptThread);
        for (Thread thread : threads) {
            join(thread);
        }
    }

    private void join(Thread thread) {
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{}: thread {} did not stop within {}", name, thread.getName(), JOIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing left to do with a socket that cannot even be closed.
        }
    }

    @Override
    public String toString() {
        return "TcpPortListener[" + name + " " + endpoint() + "]";
    }
}
