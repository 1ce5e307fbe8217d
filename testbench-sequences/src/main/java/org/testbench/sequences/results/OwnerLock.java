package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tells a store session whose owner is alive from one whose owner died, without timeouts: the owner holds a
 * lock for as long as its store is open, on a connection of its own, and the database drops the lock the
 * moment that connection goes (a process ended normally, crashed, or was killed). A run still recording in
 * another process or on another bench is therefore never taken for abandoned, and a dead one is recognised
 * on the very next open.
 */
interface OwnerLock {

    /** A session not closed whose owner is gone. */
    record AbandonedSession(UUID id, String host, long pid, Instant openedAt) {
    }

    /** Takes the owner's lock on its lease connection, and keeps it until that connection closes. */
    void hold(Connection lease, UUID session) throws SQLException;

    /**
     * The sessions, other than {@code self}, that are not closed and whose owner's lock is free; claimed by
     * the transaction on {@code transaction} until it ends, so two processes never recover the same one at
     * once.
     */
    List<AbandonedSession> claimAbandoned(Connection transaction, UUID self) throws SQLException;

    /**
     * The kind of lock for this database: advisory locks on PostgreSQL, a row lock elsewhere (H2 and any
     * database with {@code SELECT … FOR UPDATE SKIP LOCKED}).
     */
    static OwnerLock forDatabase(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return "PostgreSQL".equalsIgnoreCase(product) ? new AdvisoryOwnerLock() : new RowOwnerLock();
    }
}
