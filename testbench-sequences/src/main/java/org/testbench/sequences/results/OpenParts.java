package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Ends, as ABORTED, the steps and positions of a run that are still open when the run or position itself
 * ends: a finished run never shows a step as running. Their end time is the given instant, or their start
 * if that is later, so no step ends before it started.
 */
final class OpenParts {

    private OpenParts() {
    }

    /** @return how many steps were open */
    static int abortSteps(Connection connection, UUID run, Integer position, Instant at, String message)
            throws SQLException {
        String sql = "UPDATE step SET verdict = 'ABORTED',"
                + " ended_at = CASE WHEN started_at > ? THEN started_at ELSE ? END,"
                + " message = COALESCE(message, ?)"
                + " WHERE run_id = ? AND verdict IS NULL" + (position == null ? "" : " AND position_no = ?");
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            SqlValues.setInstant(update, 1, at);
            SqlValues.setInstant(update, 2, at);
            update.setString(3, message);
            update.setObject(4, run);
            if (position != null) {
                update.setInt(5, position);
            }
            return update.executeUpdate();
        }
    }

    /** @return how many positions were open */
    static int abortPositions(Connection connection, UUID run, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE run_position SET verdict = 'ABORTED',"
                + " ended_at = CASE WHEN started_at IS NOT NULL AND started_at > ? THEN started_at ELSE ? END"
                + " WHERE run_id = ? AND verdict IS NULL")) {
            SqlValues.setInstant(update, 1, at);
            SqlValues.setInstant(update, 2, at);
            update.setObject(3, run);
            return update.executeUpdate();
        }
    }

    /** Ends an unfinished run, its positions and steps as ABORTED, with the note saying why. */
    static void abortRun(Connection connection, UUID run, Instant at, String note) throws SQLException {
        abortSteps(connection, run, null, at, note);
        abortPositions(connection, run, at);
        try (PreparedStatement update = connection.prepareStatement("UPDATE run SET verdict = 'ABORTED',"
                + " ended_at = CASE WHEN started_at > ? THEN started_at ELSE ? END, note = ?"
                + " WHERE id = ? AND verdict IS NULL")) {
            SqlValues.setInstant(update, 1, at);
            SqlValues.setInstant(update, 2, at);
            update.setString(3, note);
            update.setObject(4, run);
            update.executeUpdate();
        }
    }
}
