package org.testbench.lab.port;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol served on the simulator's end of a socat pseudo-terminal pair, on its own thread, for as
 * long as the service is open. A pty has one client and no connections: the session runs until close.
 * The meters' optical heads and the bench's serial line are both served this way.
 */
public final class PtyService implements AutoCloseable {

    /** What runs on the link until {@code keepRunning} turns false. */
    @FunctionalInterface
    public interface Session {
        void run(BooleanSupplier keepRunning) throws IOException;
    }

    /** Builds the session once the link is open. */
    @FunctionalInterface
    public interface SessionFactory {
        Session on(SerialLink link);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PtyService.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);

    private final String name;
    private final PseudoTerminalPair pair;
    private final SerialLink link;
    private final Thread thread;
    private volatile boolean running = true;

    private PtyService(String name, PseudoTerminalPair pair, SerialLink link, Session session) {
        this.name = name;
        this.pair = pair;
        this.link = link;
        this.thread = new Thread(() -> serve(session), "vlab-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts socat with the two links, opens the simulator's end and serves the session on it. */
    public static PtyService start(String name, Path socat, Path clientLink, Path simulatorLink, Path socatLog,
            SessionFactory sessions) throws IOException {
        PseudoTerminalPair pair = PseudoTerminalPair.start(socat, clientLink, simulatorLink, socatLog);
        SerialLink link;
        try {
            link = SerialLink.open(pair.simulatorLink(), POLL_INTERVAL);
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
        PtyService service = new PtyService(name, pair, link, sessions.on(link));
        service.thread.start();
        LOG.debug("{}: serving {} (socat pid {})", name, pair.clientLink(), pair.pid());
        return service;
    }

    private void serve(Session session) {
        try {
            session.run(() -> running);
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.warn("{}: the pseudo-terminal stopped working", name, e);
            }
        }
    }

    /** The path a client opens. */
    public Path clientLink() {
        return pair.clientLink();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: thread {} did not stop within {}", name, thread.getName(), JOIN_TIMEOUT);
        }
        link.close();
        pair.close();
    }
}
