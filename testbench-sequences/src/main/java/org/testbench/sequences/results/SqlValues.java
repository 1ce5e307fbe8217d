package org.testbench.sequences.results;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.testbench.sequences.outcome.Verdict;

/**
 * Conversions between the store's types and JDBC values that both H2 and PostgreSQL accept: instants as
 * {@code OffsetDateTime} in UTC (TIMESTAMP WITH TIME ZONE), ids as {@code UUID}, verdicts by name.
 */
final class SqlValues {

    private SqlValues() {
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(instant(rows, column));
    }

    static UUID uuid(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    static Optional<String> optionalString(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }

    /** How a run, position or step ended, from its verdict and ended_at columns (set together). */
    static Optional<Completion> completion(ResultSet rows) throws SQLException {
        String verdict = rows.getString("verdict");
        return verdict == null ? Optional.empty()
                : Optional.of(new Completion(Verdict.valueOf(verdict), instant(rows, "ended_at")));
    }
}
