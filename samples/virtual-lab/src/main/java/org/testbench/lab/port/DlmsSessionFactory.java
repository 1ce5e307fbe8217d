package org.testbench.lab.port;

/** Opens a new DLMS session, with its own protocol state, for each client connection. */
@FunctionalInterface
public interface DlmsSessionFactory {

    /**
     * @param framing the framing of the port
     * @param connectionName a short name for log lines, e.g. {@code meter-26000001-ami#3}
     */
    DlmsSession open(Framing framing, String connectionName);
}
