package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the runs whose recording process died: every run still recording in a session whose owner is gone
 * (see {@link OwnerLock}) becomes ABORTED, with its open positions and steps, and a note that says so.
 * Everything already recorded stays as it was. The end time is the run's last recorded activity, the best
 * estimate of when its recorder died: the time of recovery could be days later.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static List<RecoveredRun> recover(Connection transaction, OwnerLock lock, UUID self, Instant now)
            throws SQLException {
        List<RecoveredRun> recovered = new ArrayList<>();
        for (OwnerLock.AbandonedSession session : lock.claimAbandoned(transaction, self)) {
            if (!closeSession(transaction, session.id(), now)) {
                continue; // another store recovered it between our reading and our claim
            }
            for (RecoveredRun run : openRuns(transaction, session, now)) {
                OpenParts.abortRun(transaction, run.id().value(), run.endedAt(), run.note());
                log.warn("run {} ({}, started {}) was left recording by process {} on {}: marked ABORTED",
                        run.id(), run.sequenceName(), run.startedAt(), session.pid(), session.host());
                recovered.add(run);
            }
        }
        return List.copyOf(recovered);
    }

    private static boolean closeSession(Connection transaction, UUID session, Instant now) throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement(
                "UPDATE store_session SET closed_at = ? WHERE id = ? AND closed_at IS NULL")) {
            SqlValues.setInstant(update, 1, now);
            update.setObject(2, session);
            return update.executeUpdate() == 1;
        }
    }

    private record OpenRun(UUID id, String sequenceName, Instant startedAt) {
    }

    private static List<RecoveredRun> openRuns(Connection transaction, OwnerLock.AbandonedSession session,
            Instant now) throws SQLException {
        List<OpenRun> open = new ArrayList<>();
        try (PreparedStatement select = transaction.prepareStatement("SELECT id, sequence_name, started_at FROM run"
                + " WHERE session_id = ? AND verdict IS NULL ORDER BY started_at")) {
            select.setObject(1, session.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    open.add(new OpenRun(SqlValues.uuid(rows, "id"), rows.getString("sequence_name"),
                            SqlValues.instant(rows, "started_at")));
                }
            }
        }
        List<RecoveredRun> runs = new ArrayList<>();
        for (OpenRun run : open) {
            Instant lastActivity = lastActivity(transaction, run.id(), run.startedAt());
            runs.add(new RecoveredRun(new RunId(run.id()), run.sequenceName(), run.startedAt(), lastActivity,
                    note(session, lastActivity, now)));
        }
        return runs;
    }

    /**
     * The latest instant recorded anywhere in the run. MAX per table rather than GREATEST across them:
     * GREATEST returns NULL for any NULL argument in H2 and ignores it in PostgreSQL.
     */
    private static Instant lastActivity(Connection transaction, UUID run, Instant startedAt) throws SQLException {
        String sql = "SELECT MAX(t) AS last_activity FROM ("
                + " SELECT MAX(started_at) AS t FROM run_position WHERE run_id = ?"
                + " UNION ALL SELECT MAX(ended_at) FROM run_position WHERE run_id = ?"
                + " UNION ALL SELECT MAX(started_at) FROM step WHERE run_id = ?"
                + " UNION ALL SELECT MAX(ended_at) FROM step WHERE run_id = ?"
                + " UNION ALL SELECT MAX(m.measured_at) FROM measurement m JOIN step s ON s.id = m.step_id"
                + " WHERE s.run_id = ?"
                + " UNION ALL SELECT MAX(e.recorded_at) FROM evidence e JOIN step s ON s.id = e.step_id"
                + " WHERE s.run_id = ?"
                + " UNION ALL SELECT MAX(recorded_at) FROM finding WHERE run_id = ?"
                + ") activity";
        try (PreparedStatement select = transaction.prepareStatement(sql)) {
            for (int i = 1; i <= 7; i++) {
                select.setObject(i, run);
            }
            try (ResultSet row = select.executeQuery()) {
                Instant last = row.next() ? SqlValues.instant(row, "last_activity") : null;
                return last == null || last.isBefore(startedAt) ? startedAt : last;
            }
        }
    }

    private static String note(OwnerLock.AbandonedSession session, Instant lastActivity, Instant now) {
        return "The recording process (pid " + session.pid() + " on " + session.host() + ", results store opened "
                + session.openedAt() + ") ended without finishing the run: a crash, a kill or a power loss."
                + " Marked ABORTED when the results store was next opened, at " + now
                + "; the end time is the last activity recorded, " + lastActivity + ".";
    }
}
