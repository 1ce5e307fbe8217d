package org.testbench.lab.optical;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.DlmsSessionFactory;
import org.testbench.lab.port.PseudoTerminalPair;
import org.testbench.lab.port.SerialLink;

/**
 * The optical protocol served on the simulator's end of a pty pair, on its own thread, for as
 * long as the port is open. A pty has no connections to drop: while the meter is dead the session
 * simply hears nothing.
 */
final class PseudoTerminalHead implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PseudoTerminalHead.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);

    private final String name;
    private final PseudoTerminalPair pair;
    private final SerialLink link;
    private final Thread thread;
    private volatile boolean running = true;

    private PseudoTerminalHead(String name, PseudoTerminalPair pair, SerialLink link, OpticalSession session) {
        this.name = name;
        this.pair = pair;
        this.link = link;
        this.thread = new Thread(() -> serve(session), "vlab-" + name);
        this.thread.setDaemon(true);
    }

    static PseudoTerminalHead start(String name, OpticalPort.PtyLinks links, OpticalProfile profile,
            DlmsSessionFactory dlmsSessions, BooleanSupplier powered) throws IOException {
        PseudoTerminalPair pair = PseudoTerminalPair.start(links.socat(), links.clientLink(), links.simulatorLink(),
                links.socatLog());
        SerialLink link;
        try {
            link = SerialLink.open(pair.simulatorLink(), POLL_INTERVAL);
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
        OpticalSession session = new OpticalSession(link, profile, dlmsSessions, powered, name);
        PseudoTerminalHead head = new PseudoTerminalHead(name, pair, link, session);
        head.thread.start();
        LOG.debug("{}: serving {} (socat pid {})", name, pair.clientLink(), pair.pid());
        return head;
    }

    private void serve(OpticalSession session) {
        try {
            session.run(() -> running);
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.warn("{}: the optical pty stopped working", name, e);
            }
        }
    }

    Path clientLink() {
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
