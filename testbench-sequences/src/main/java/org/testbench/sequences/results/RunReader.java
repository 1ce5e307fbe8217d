package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * Reads one whole run back: a query per table, each ordered (positions by number, steps by index, the rest
 * in recording order), assembled into {@link RunDetail}. Seven queries however large the run, where one per
 * step would make a 48-position run thousands.
 */
final class RunReader {

    private RunReader() {
    }

    static Optional<RunDetail> load(Connection c, RunId run) throws SQLException {
        RunRow row = runRow(c, run);
        if (row == null) {
            return Optional.empty();
        }
        Map<UUID, List<MeasurementRecord>> measurements = measurements(c, run);
        Map<UUID, List<EvidenceRecord>> evidence = evidence(c, run);
        Map<Integer, List<StepDetail>> steps = steps(c, run, measurements, evidence);
        Map<Integer, List<RecordedFinding>> findings = findings(c, run);
        List<PositionDetail> positions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT position_no, meter_serial, started_at, ended_at,"
                + " verdict FROM run_position WHERE run_id = ? ORDER BY position_no")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int position = rows.getInt("position_no");
                    positions.add(new PositionDetail(position, SqlValues.optionalString(rows, "meter_serial"),
                            SqlValues.optionalInstant(rows, "started_at"), SqlValues.completion(rows),
                            steps.getOrDefault(position, List.of()), findings.getOrDefault(position, List.of())));
                }
            }
        }
        RunStart start = new RunStart(row.sequenceName, Sha256.parse(row.sequenceSha256), row.sequenceText,
                row.softwareVersion, row.operator, row.station, row.lab, row.mdms,
                positions.stream().map(PositionDetail::position).toList(), row.startedAt);
        return Optional.of(new RunDetail(run, start, row.completion, row.note, positions));
    }

    /** The run's own columns, before its positions are known. */
    private record RunRow(String sequenceName, String sequenceSha256, String sequenceText, String softwareVersion,
            String operator, String station, String lab, Optional<MdmsInterface> mdms, Instant startedAt,
            Optional<Completion> completion, Optional<String> note) {
    }

    private static RunRow runRow(Connection c, RunId run) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT sequence_name, sequence_sha256, sequence_text,"
                + " software_version, operator_name, station, lab_description, mdms_api_version, mdms_spec_sha256,"
                + " mdms_binding_sha256, started_at, ended_at, verdict, note FROM run WHERE id = ?")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                String api = rows.getString("mdms_api_version");
                Optional<MdmsInterface> mdms = api == null ? Optional.empty()
                        : Optional.of(new MdmsInterface(api, Sha256.parse(rows.getString("mdms_spec_sha256")),
                                Sha256.parse(rows.getString("mdms_binding_sha256"))));
                return new RunRow(rows.getString("sequence_name"), rows.getString("sequence_sha256"),
                        rows.getString("sequence_text"), rows.getString("software_version"),
                        rows.getString("operator_name"), rows.getString("station"), rows.getString("lab_description"), mdms,
                        SqlValues.instant(rows, "started_at"), SqlValues.completion(rows),
                        SqlValues.optionalString(rows, "note"));
            }
        }
    }

    private static Map<Integer, List<StepDetail>> steps(Connection c, RunId run,
            Map<UUID, List<MeasurementRecord>> measurements, Map<UUID, List<EvidenceRecord>> evidence)
            throws SQLException {
        Map<Integer, List<StepDetail>> steps = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, position_no, step_index, name, kind,"
                + " started_at, ended_at, verdict, message FROM step WHERE run_id = ?"
                + " ORDER BY position_no, step_index")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = SqlValues.uuid(rows, "id");
                    steps.computeIfAbsent(rows.getInt("position_no"), p -> new ArrayList<>()).add(new StepDetail(
                            new StepId(id), rows.getInt("step_index"), rows.getString("name"), rows.getString("kind"),
                            SqlValues.instant(rows, "started_at"), SqlValues.completion(rows),
                            SqlValues.optionalString(rows, "message"), measurements.getOrDefault(id, List.of()),
                            evidence.getOrDefault(id, List.of())));
                }
            }
        }
        return steps;
    }

    private static Map<UUID, List<MeasurementRecord>> measurements(Connection c, RunId run) throws SQLException {
        Map<UUID, List<MeasurementRecord>> measurements = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT m.step_id, m.name, m.numeric_value, m.unit,"
                + " m.text_value, m.limit_text, m.verdict, m.measured_at FROM measurement m"
                + " JOIN step s ON s.id = m.step_id WHERE s.run_id = ? ORDER BY m.id")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    double number = rows.getDouble("numeric_value");
                    MeasuredValue value = rows.wasNull() ? MeasuredValue.text(rows.getString("text_value"))
                            : MeasuredValue.numeric(number, rows.getString("unit"));
                    measurements.computeIfAbsent(SqlValues.uuid(rows, "step_id"), s -> new ArrayList<>())
                            .add(new MeasurementRecord(rows.getString("name"), value,
                                    SqlValues.optionalString(rows, "limit_text"),
                                    Verdict.valueOf(rows.getString("verdict")),
                                    SqlValues.instant(rows, "measured_at")));
                }
            }
        }
        return measurements;
    }

    private static Map<UUID, List<EvidenceRecord>> evidence(Connection c, RunId run) throws SQLException {
        Map<UUID, List<EvidenceRecord>> evidence = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT e.step_id, e.kind, e.content, e.recorded_at"
                + " FROM evidence e JOIN step s ON s.id = e.step_id WHERE s.run_id = ? ORDER BY e.id")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    evidence.computeIfAbsent(SqlValues.uuid(rows, "step_id"), s -> new ArrayList<>())
                            .add(new EvidenceRecord(rows.getString("kind"), rows.getString("content"),
                                    SqlValues.instant(rows, "recorded_at")));
                }
            }
        }
        return evidence;
    }

    private static Map<Integer, List<RecordedFinding>> findings(Connection c, RunId run) throws SQLException {
        Map<Long, List<String>> evidence = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT fe.finding_id, fe.content FROM finding_evidence fe"
                + " JOIN finding f ON f.id = fe.finding_id WHERE f.run_id = ? ORDER BY fe.finding_id, fe.item_no")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    evidence.computeIfAbsent(rows.getLong("finding_id"), f -> new ArrayList<>())
                            .add(rows.getString("content"));
                }
            }
        }
        Map<Integer, List<RecordedFinding>> findings = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, position_no, step_id, finding_type, message,"
                + " recorded_at FROM finding WHERE run_id = ? ORDER BY id")) {
            select.setObject(1, run.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Finding finding = new Finding(FindingType.valueOf(rows.getString("finding_type")),
                            rows.getString("message"), evidence.getOrDefault(rows.getLong("id"), List.of()));
                    UUID step = SqlValues.uuid(rows, "step_id");
                    findings.computeIfAbsent(rows.getInt("position_no"), p -> new ArrayList<>())
                            .add(new RecordedFinding(finding, Optional.ofNullable(step).map(StepId::new),
                                    SqlValues.instant(rows, "recorded_at")));
                }
            }
        }
        return findings;
    }
}
