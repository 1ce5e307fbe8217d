package org.testbench.lab.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's own MQTT broker (Moquette, MQTT 3.1.1) on 127.0.0.1: anonymous, no persistence, no
 * telemetry. Used unless the lab is given an external broker.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Server server;
    private final int port;
    private boolean closed;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port}, or on a free port when it is 0. */
    public static EmbeddedBroker start(int port, Path dataDir) throws IOException {
        int chosen = port == 0 ? freePort() : port;
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("host", HOST);
        properties.setProperty("port", Integer.toString(chosen));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", dataDir.toString());
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("use_bugsnag", "false");
        properties.setProperty("use_metrics", "false");
        properties.setProperty("netty.mqtt.message_size", "65536");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException | RuntimeException e) {
            server.stopServer();
            throw new IOException("cannot start the embedded MQTT broker on " + HOST + ":" + chosen + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Embedded MQTT broker (Moquette, MQTT 3.1.1) on tcp://{}:{}", HOST, chosen);
        return new EmbeddedBroker(server, chosen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The endpoint the lab's own clients use. */
    public BrokerEndpoint endpoint() {
        return BrokerEndpoint.plain(HOST, port);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Netty's graceful shutdown waits a 2 s quiet period; the lab need not wait for it.
        Thread stopper = new Thread(() -> {
            server.stopServer();
            LOG.info("Embedded MQTT broker stopped");
        }, "vlab-broker-stop");
        stopper.setDaemon(true);
        stopper.start();
    }
}
