package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL: the owner holds a session-level advisory lock keyed by its session id, which needs no open
 * transaction; recovery tries the transaction-level form of the same lock, released when it commits.
 */
final class AdvisoryOwnerLock implements OwnerLock {

    @Override
    public void hold(Connection lease, UUID session) throws SQLException {
        try (PreparedStatement lock = lease.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key(session));
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    // Two live sessions whose ids fold to one 64-bit key: as likely as a UUID collision.
                    throw new SQLException("advisory lock " + key(session) + " of store session " + session
                            + " is held by another session");
                }
            }
        }
    }

    @Override
    public List<AbandonedSession> claimAbandoned(Connection transaction, UUID self) throws SQLException {
        List<AbandonedSession> open = new ArrayList<>();
        try (PreparedStatement sessions = transaction.prepareStatement(
                "SELECT id, host, pid, opened_at FROM store_session WHERE closed_at IS NULL AND id <> ?")) {
            sessions.setObject(1, self);
            try (ResultSet rows = sessions.executeQuery()) {
                while (rows.next()) {
                    open.add(new AbandonedSession(SqlValues.uuid(rows, "id"), rows.getString("host"),
                            rows.getLong("pid"), SqlValues.instant(rows, "opened_at")));
                }
            }
        }
        List<AbandonedSession> abandoned = new ArrayList<>();
        try (PreparedStatement claim = transaction.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            for (AbandonedSession session : open) {
                claim.setLong(1, key(session.id()));
                try (ResultSet row = claim.executeQuery()) {
                    if (row.next() && row.getBoolean(1)) {
                        abandoned.add(session);
                    }
                }
            }
        }
        return abandoned;
    }

    private static long key(UUID session) {
        return session.getMostSignificantBits() ^ session.getLeastSignificantBits();
    }
}
