package org.testbench.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.events.EmbeddedBroker;
import org.testbench.lab.events.EventGateway;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.meter.VirtualMeter;

/** The broker (embedded unless an external one is configured) and the gateway that feeds it. */
final class EventPath implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPath.class);

    private final EmbeddedBroker embedded;
    private final BrokerEndpoint broker;
    private final EventGateway gateway;
    private final Map<String, EventSigningKey> keys;

    private EventPath(EmbeddedBroker embedded, BrokerEndpoint broker, EventGateway gateway,
            Map<String, EventSigningKey> keys) {
        this.embedded = embedded;
        this.broker = broker;
        this.gateway = gateway;
        this.keys = keys;
    }

    static EventPath start(LabConfig config, Path workDir, List<VirtualMeter> meters,
            Map<String, EventSigningKey> keys) throws IOException {
        EmbeddedBroker embedded = null;
        try {
            BrokerEndpoint broker;
            if (config.broker().isPresent()) {
                broker = config.broker().get();
            } else {
                embedded = EmbeddedBroker.start(0, workDir.resolve("broker"));
                broker = embedded.endpoint();
            }
            EventGateway gateway = EventGateway.start(broker, meters, keys);
            return new EventPath(embedded, broker, gateway, keys);
        } catch (IOException | RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    BrokerEndpoint broker() {
        return broker;
    }

    boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the event gateway failed", e);
        }
        if (embedded != null) {
            embedded.close();
        }
        keys.values().forEach(EventSigningKey::destroy);
    }
}
