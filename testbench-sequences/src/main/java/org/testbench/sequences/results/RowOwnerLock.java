package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The owner keeps its session row locked ({@code SELECT … FOR UPDATE}) in a transaction that stays open as
 * long as the store; recovery claims the rows it can lock and skips the rest. On H2 an open transaction costs
 * one undo-log entry; H2 rolls it back, freeing the row, when the database is next opened after a crash.
 * Not used on PostgreSQL, where a transaction held open for days would stop VACUUM from cleaning any table.
 */
final class RowOwnerLock implements OwnerLock {

    @Override
    public void hold(Connection lease, UUID session) throws SQLException {
        lease.setAutoCommit(false);
        try (PreparedStatement lock = lease.prepareStatement("SELECT id FROM store_session WHERE id = ? FOR UPDATE")) {
            lock.setObject(1, session);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("store session " + session + " vanished before it could be locked");
                }
            }
        }
    }

    @Override
    public List<AbandonedSession> claimAbandoned(Connection transaction, UUID self) throws SQLException {
        List<AbandonedSession> abandoned = new ArrayList<>();
        try (PreparedStatement claim = transaction.prepareStatement(
                "SELECT id, host, pid, opened_at FROM store_session WHERE closed_at IS NULL AND id <> ?"
                        + " FOR UPDATE SKIP LOCKED")) {
            claim.setObject(1, self);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    abandoned.add(new AbandonedSession(SqlValues.uuid(rows, "id"), rows.getString("host"),
                            rows.getLong("pid"), SqlValues.instant(rows, "opened_at")));
                }
            }
        }
        return abandoned;
    }
}
