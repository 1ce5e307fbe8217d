package org.testbench.drivers;

import java.io.IOException;
import java.util.Objects;

/**
 * A lab fault: a device that is missing, silent, garbled, or that refused us. Always says where
 * ({@link #where()}: a port, an endpoint, an OBIS code) and carries a {@link Fault} the results
 * database and the CLI can act on. Messages never contain key material.
 */
public final class DeviceException extends IOException {

    /** What went wrong, coarse enough to store and to map to an exit code. */
    public enum Fault {
        /** The port or device path does not exist, or the host refuses the connection. */
        PORT_NOT_FOUND,
        /** The port exists but cannot be opened (busy, permissions). */
        PORT_UNAVAILABLE,
        /** Nothing came back within the timeout. */
        NO_ANSWER,
        /** Bytes came back but do not follow the protocol. */
        GARBLED,
        /** The connection was closed by the other side. */
        CONNECTION_LOST,
        /** The meter refused the association: keys, password or invocation counter. */
        AUTHENTICATION_FAILED,
        /** The association is established but this object, attribute or method is not allowed. */
        ACCESS_DENIED,
        /** The meter does not have the requested object or attribute. */
        OBJECT_UNDEFINED,
        /** The device answered with an error we do not classify further (a meter's, an instrument's). */
        REJECTED,
        /** A reading came in another unit than the one asked for. */
        UNIT_MISMATCH,
        /** Keys or keystore problems on our side. */
        KEYS,
        /** The meter answers another serial than the one the position expects: the wrong meter is mounted. */
        WRONG_METER,
        /** The meter's profile or the bench configuration cannot be applied (e.g. a physical address from a serial nobody gave). */
        CONFIGURATION
    }

    private final Fault fault;
    private final String where;

    public DeviceException(Fault fault, String where, String message) {
        this(fault, where, message, null);
    }

    public DeviceException(Fault fault, String where, String message, Throwable cause) {
        super(where + ": " + message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
        this.where = Objects.requireNonNull(where, "where");
    }

    public Fault fault() {
        return fault;
    }

    /** The port, endpoint or object the fault is about. */
    public String where() {
        return where;
    }
}
