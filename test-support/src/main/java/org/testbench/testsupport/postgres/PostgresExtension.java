package org.testbench.testsupport.postgres;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostgresServer}: started on first use, shared by every test of the run (a cluster
 * takes about a second to create), stopped and deleted when the run ends. Use with
 * {@code @ExtendWith(PostgresExtension.class)} and a {@code PostgresServer} parameter, or
 * {@link #server(ExtensionContext)} from another extension.
 *
 * <p>The server runs with fsync off: the tests kill recorders, never the server, and a durable commit
 * would only slow a machine shared by many builds. The benchmarks start a server of their own with the
 * defaults.
 */
public final class PostgresExtension implements ParameterResolver {

    static final Map<String, String> TEST_SETTINGS = Map.of(
            "fsync", "off",
            "full_page_writes", "off",
            "max_connections", "300");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The run's server, started now if no test asked for it before. */
    public static PostgresServer server(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(
                PostgresExtension.class));
        return store.getOrComputeIfAbsent(PostgresServer.class, key -> new SharedServer(
                PostgresServer.start(TEST_SETTINGS)), SharedServer.class).server();
    }

    /** The store closes it when the test run ends. */
    private record SharedServer(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
