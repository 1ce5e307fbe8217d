package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.testbench.sequences.outcome.Verdict;

/**
 * Lists runs for a {@link RunQuery}, newest first: one query picks the runs, then one query per table
 * counts for all of them at once (positions with their serials, steps, measurements, findings).
 */
final class RunFinder {

    /** Ids per IN list: far below any database's parameter limit, few enough round trips for any page. */
    private static final int CHUNK = 500;

    private RunFinder() {
    }

    static List<RunSummary> find(Connection c, RunQuery query) throws SQLException {
        List<RunRow> runs = runs(c, query);
        if (runs.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = runs.stream().map(RunRow::id).toList();
        Map<UUID, Tally> positions = new HashMap<>();
        Map<UUID, List<String>> serials = new HashMap<>();
        forChunks(c, ids, "SELECT run_id, meter_serial, verdict FROM run_position WHERE run_id IN (%s)"
                + " ORDER BY run_id, position_no", rows -> {
                    UUID run = SqlValues.uuid(rows, "run_id");
                    positions.computeIfAbsent(run, r -> new Tally()).add(rows.getString("verdict"), 1);
                    String serial = rows.getString("meter_serial");
                    if (serial != null) {
                        serials.computeIfAbsent(run, r -> new ArrayList<>()).add(serial);
                    }
                });
        Map<UUID, Tally> steps = new HashMap<>();
        forChunks(c, ids, "SELECT run_id, verdict, COUNT(*) AS n FROM step WHERE run_id IN (%s)"
                + " GROUP BY run_id, verdict", rows -> steps.computeIfAbsent(SqlValues.uuid(rows, "run_id"),
                        r -> new Tally()).add(rows.getString("verdict"), rows.getInt("n")));
        Map<UUID, Integer> measurements = new HashMap<>();
        forChunks(c, ids, "SELECT s.run_id, COUNT(*) AS n FROM measurement m JOIN step s ON s.id = m.step_id"
                + " WHERE s.run_id IN (%s) GROUP BY s.run_id",
                rows -> measurements.put(SqlValues.uuid(rows, "run_id"), rows.getInt("n")));
        Map<UUID, Integer> findings = new HashMap<>();
        forChunks(c, ids, "SELECT run_id, COUNT(*) AS n FROM finding WHERE run_id IN (%s) GROUP BY run_id",
                rows -> findings.put(SqlValues.uuid(rows, "run_id"), rows.getInt("n")));

        List<RunSummary> summaries = new ArrayList<>();
        for (RunRow run : runs) {
            summaries.add(new RunSummary(new RunId(run.id()), run.sequenceName(), run.operator(), run.station(), run.startedAt(),
                    run.completion(), run.note(), serials.getOrDefault(run.id(), List.of()),
                    positions.getOrDefault(run.id(), new Tally()).counts(),
                    steps.getOrDefault(run.id(), new Tally()).counts(), measurements.getOrDefault(run.id(), 0),
                    findings.getOrDefault(run.id(), 0)));
        }
        return summaries;
    }

    private record RunRow(UUID id, String sequenceName, String operator, String station, Instant startedAt,
            Optional<Completion> completion, Optional<String> note) {
    }

    private static List<RunRow> runs(Connection c, RunQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT r.id, r.sequence_name, r.operator_name, r.station, r.started_at,"
                + " r.ended_at, r.verdict, r.note FROM run r WHERE 1 = 1");
        if (query.meterSerial().isPresent()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_position p WHERE p.run_id = r.id AND p.meter_serial = ?)");
        }
        query.station().ifPresent(station -> sql.append(" AND r.station = ?"));
        query.startedFrom().ifPresent(from -> sql.append(" AND r.started_at >= ?"));
        query.startedBefore().ifPresent(before -> sql.append(" AND r.started_at < ?"));
        if (!query.verdicts().isEmpty()) {
            sql.append(" AND r.verdict IN (")
                    .append(String.join(", ", Collections.nCopies(query.verdicts().size(), "?"))).append(')');
        }
        sql.append(" ORDER BY r.started_at DESC, r.id FETCH FIRST ? ROWS ONLY");
        List<RunRow> runs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (query.meterSerial().isPresent()) {
                select.setString(i++, query.meterSerial().get());
            }
            if (query.station().isPresent()) {
                select.setString(i++, query.station().get());
            }
            if (query.startedFrom().isPresent()) {
                SqlValues.setInstant(select, i++, query.startedFrom().get());
            }
            if (query.startedBefore().isPresent()) {
                SqlValues.setInstant(select, i++, query.startedBefore().get());
            }
            for (Verdict verdict : query.verdicts()) {
                select.setString(i++, verdict.name());
            }
            select.setInt(i, query.limit());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(new RunRow(SqlValues.uuid(rows, "id"), rows.getString("sequence_name"),
                            rows.getString("operator_name"), rows.getString("station"), SqlValues.instant(rows, "started_at"),
                            SqlValues.completion(rows), SqlValues.optionalString(rows, "note")));
                }
            }
        }
        return runs;
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(ResultSet rows) throws SQLException;
    }

    private static void forChunks(Connection c, List<UUID> ids, String sqlWithInList, RowHandler handler)
            throws SQLException {
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = chunk.stream().map(id -> "?").collect(Collectors.joining(", "));
            try (PreparedStatement select = c.prepareStatement(String.format(sqlWithInList, marks))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setObject(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        handler.handle(rows);
                    }
                }
            }
        }
    }

    /** Counts by verdict name; NULL counts as unfinished. */
    private static final class Tally {
        private final int[] byVerdict = new int[Verdict.values().length];
        private int unfinished;

        void add(String verdict, int n) {
            if (verdict == null) {
                unfinished += n;
            } else {
                byVerdict[Verdict.valueOf(verdict).ordinal()] += n;
            }
        }

        VerdictCounts counts() {
            return new VerdictCounts(byVerdict[Verdict.PASS.ordinal()], byVerdict[Verdict.FAIL.ordinal()],
                    byVerdict[Verdict.ERROR.ordinal()], byVerdict[Verdict.ABORTED.ordinal()], unfinished);
        }
    }
}
