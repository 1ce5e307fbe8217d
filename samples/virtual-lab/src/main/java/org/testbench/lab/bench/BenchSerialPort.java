package org.testbench.lab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.port.PseudoTerminalPair;
import org.testbench.lab.port.SerialLink;

/**
 * The bench's serial line (RS-232 on a real bench) as a socat pseudo-terminal pair: the client
 * opens {@code <workDir>/bench-scpi} at 9600 8N1, the bench serves the other end on its own thread.
 * A serial line has one client and no connections: the session runs until the bench closes.
 */
final class BenchSerialPort implements AutoCloseable {

    /** The link a client opens, in the lab's work directory. */
    static final String CLIENT_LINK = "bench-scpi";

    private static final Logger LOG = LoggerFactory.getLogger(BenchSerialPort.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(3);

    private final PseudoTerminalPair pair;
    private final SerialLink link;
    private final Thread thread;
    private volatile boolean running = true;

    private BenchSerialPort(PseudoTerminalPair pair, SerialLink link, ScpiInstrument instrument, String name) {
        this.pair = pair;
        this.link = link;
        ScpiSession session = new ScpiSession(link, instrument, name);
        this.thread = new Thread(() -> serve(session, name), "vlab-" + name);
        this.thread.setDaemon(true);
    }

    static BenchSerialPort start(Path socat, Path workDir, ScpiInstrument instrument, String name) throws IOException {
        PseudoTerminalPair pair = PseudoTerminalPair.start(socat, workDir.resolve(CLIENT_LINK),
                workDir.resolve(CLIENT_LINK + ".sim"), workDir.resolve("bench-socat.log"));
        SerialLink link;
        try {
            link = SerialLink.open(pair.simulatorLink(), POLL_INTERVAL);
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
        BenchSerialPort port = new BenchSerialPort(pair, link, instrument, name);
        port.thread.start();
        LOG.debug("{}: serving {} (socat pid {})", name, pair.clientLink(), pair.pid());
        return port;
    }

    private void serve(ScpiSession session, String name) {
        try {
            session.run(() -> running);
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.warn("{}: the bench's serial line stopped working", name, e);
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
            LOG.warn("{} did not stop within {}", thread.getName(), JOIN_TIMEOUT);
        }
        link.close();
        pair.close();
    }
}
