package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs the store's work in transactions on pooled connections: each write commits before it returns, so a
 * crash right after loses nothing the caller was told is recorded. Maps failures to what they mean for
 * the caller: a constraint violation is a caller error (an unknown step, a position not planned, a step
 * index used twice), anything else a fault of the database.
 */
final class Database {

    /** One piece of work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final JdbcUrl url;

    Database(DataSource pool, JdbcUrl url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * @param what the thing being recorded, for messages: "measurement 'I' of step …"
     * @throws IllegalArgumentException when a constraint refuses the write
     */
    <T> T write(String what, Work<T> work) throws ResultStoreException {
        try {
            return inTransaction(false, work);
        } catch (SQLException e) {
            if (isConstraintViolation(e)) {
                throw new IllegalArgumentException("cannot record " + what + ": " + e.getMessage(), e);
            }
            if (isConnectionLost(e)) {
                throw new ResultStoreException(ResultStoreException.Reason.CONNECTION_LOST, "lost the connection to"
                        + " the results database at " + url + " while recording " + what + ": " + e.getMessage(), e);
            }
            throw new ResultStoreException(ResultStoreException.Reason.WRITE_FAILED,
                    "cannot record " + what + " in the results database at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads in one repeatable-read transaction, so that a run being recorded meanwhile is seen as of one
     * moment: no measurement without its step.
     */
    <T> T read(String what, Work<T> work) throws ResultStoreException {
        try {
            return inTransaction(true, work);
        } catch (SQLException e) {
            throw new ResultStoreException(ResultStoreException.Reason.READ_FAILED,
                    "cannot read " + what + " from the results database at " + url + ": " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(boolean readOnly, Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            if (readOnly) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * SQLState class 08 (connection exception) and PostgreSQL's 57P01-57P03 (the server shut down or ended
     * the connection).
     */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("57P0");
    }

    /** SQLState class 23: integrity constraint violation, the same in H2 and PostgreSQL. */
    private static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
