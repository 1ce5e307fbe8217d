package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a write found nothing to change, looked up only once it has: the run, position or step is unknown
 * (the caller passed a wrong id: {@link IllegalArgumentException}), or it has already ended
 * ({@link IllegalStateException}, with how and when; for a run the store ended itself, its note says why).
 */
final class Explain {

    private Explain() {
    }

    static RuntimeException noSuchPosition(Connection c, RunId run, int position) throws SQLException {
        if (!runExists(c, run)) {
            return unknownRun(run);
        }
        List<Integer> planned = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT position_no FROM run_position WHERE run_id = ? ORDER BY position_no")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    planned.add(rows.getInt(1));
                }
            }
        }
        return new IllegalArgumentException("position " + position + " is not planned in run " + run + " (planned: "
                + planned + ")");
    }

    static RuntimeException positionNotOpen(Connection c, RunId run, int position) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT verdict, ended_at FROM run_position WHERE run_id = ? AND position_no = ?")) {
            select.setObject(1, run.value());
            select.setInt(2, position);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return noSuchPosition(c, run, position);
                }
                return new IllegalStateException("position " + position + " of run " + run + " has already ended: "
                        + row.getString("verdict") + " at " + SqlValues.instant(row, "ended_at"));
            }
        }
    }

    static RuntimeException stepNotOpen(Connection c, StepId step) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT run_id, position_no, step_index, name, verdict,"
                + " ended_at FROM step WHERE id = ?")) {
            select.setObject(1, step.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new IllegalArgumentException("no step " + step + " in the results store");
                }
                return new IllegalStateException("step " + row.getInt("step_index") + " '" + row.getString("name")
                        + "' of position " + row.getInt("position_no") + " of run " + SqlValues.uuid(row, "run_id")
                        + " has already ended: " + row.getString("verdict") + " at "
                        + SqlValues.instant(row, "ended_at"));
            }
        }
    }

    static RuntimeException runNotOpen(Connection c, RunId run) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT verdict, ended_at, note FROM run WHERE id = ?")) {
            select.setObject(1, run.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return unknownRun(run);
                }
                String note = row.getString("note");
                return new IllegalStateException("run " + run + " has already ended: " + row.getString("verdict")
                        + " at " + SqlValues.instant(row, "ended_at") + (note == null ? "" : ". " + note));
            }
        }
    }

    private static boolean runExists(Connection c, RunId run) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM run WHERE id = ?")) {
            select.setObject(1, run.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static IllegalArgumentException unknownRun(RunId run) {
        return new IllegalArgumentException("no run " + run + " in the results store");
    }
}
