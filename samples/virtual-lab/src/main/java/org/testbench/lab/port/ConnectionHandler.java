package org.testbench.lab.port;

import java.io.IOException;

/** Serves one accepted connection until it ends; runs on the connection's own thread. */
@FunctionalInterface
public interface ConnectionHandler {

    void serve(SocketLink link, String connectionName) throws IOException;
}
