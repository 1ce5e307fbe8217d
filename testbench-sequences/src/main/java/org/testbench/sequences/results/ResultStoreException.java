package org.testbench.sequences.results;

import java.io.IOException;
import java.util.Objects;

/**
 * The results database could not be opened, read or written: a fault of the environment (a wrong URL, an
 * unreachable server, a full or read-only disk), not of the caller. The message says what was attempted and
 * where (the JDBC URL with any password removed); {@link #reason()} is a code a caller can act on.
 */
public class ResultStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the store failed, for callers that react differently (the CLI's exit code, the GUI's hint). */
    public enum Reason {
        /** The text is not a JDBC URL, or names no database. */
        BAD_URL,
        /** No JDBC driver on the class path accepts the URL. */
        NO_DRIVER,
        /** The database server cannot be reached (down, wrong host or port, network). */
        UNREACHABLE,
        /** The server refused the user or password. */
        ACCESS_DENIED,
        /** The database file or its directory cannot be created or written. */
        NOT_WRITABLE,
        /** An embedded database file is open in another process. */
        IN_USE,
        /** The database refused to open for another reason, given in the message. */
        OPEN_FAILED,
        /**
         * The database was migrated by a newer Testbench: this one would write rows the newer schema may
         * refuse or misread.
         */
        SCHEMA_TOO_NEW,
        /** The schema could not be brought to this version. */
        MIGRATION_FAILED,
        /**
         * The connection to the database server was lost: the store records nothing more (its lock on its runs
         * went with the connection), and a run recording into it stops.
         */
        CONNECTION_LOST,
        /** A write failed after the store was opened. */
        WRITE_FAILED,
        /** A read failed after the store was opened. */
        READ_FAILED
    }

    private final Reason reason;

    public ResultStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ResultStoreException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
