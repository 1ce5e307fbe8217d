package org.testbench.sequences.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.Verdict;

/**
 * Every write of the store, each one transaction committed before it returns. Free texts pass through the
 * {@link SecretGuard} first. A write that names something unknown or already finished is a caller error
 * and says which.
 */
final class RunWriter {

    private static final Logger log = LoggerFactory.getLogger(RunWriter.class);

    private final Database database;
    private final SecretGuard secrets;
    private final Clock clock;
    private final UUID session;

    RunWriter(Database database, SecretGuard secrets, Clock clock, UUID session) {
        this.database = database;
        this.secrets = secrets;
        this.clock = clock;
        this.session = session;
    }

    RunId startRun(RunStart start) throws ResultStoreException {
        RunId id = RunId.random();
        String text = secrets.clean(start.sequenceText(), () -> "the text of sequence '" + start.sequenceName() + "'");
        String lab = secrets.clean(start.lab(), () -> "the lab description of run " + id);
        database.write("the start of run " + id + " (" + start.sequenceName() + ")", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO run (id, session_id, sequence_name,"
                    + " sequence_sha256, sequence_text, software_version, operator_name, lab_description,"
                    + " mdms_api_version, mdms_spec_sha256, mdms_binding_sha256, started_at, station)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id.value());
                insert.setObject(2, session);
                insert.setString(3, start.sequenceName());
                insert.setString(4, start.sequenceSha256().hex());
                insert.setString(5, text);
                insert.setString(6, start.softwareVersion());
                insert.setString(7, start.operator());
                insert.setString(8, lab);
                insert.setString(9, start.mdms().map(MdmsInterface::apiVersion).orElse(null));
                insert.setString(10, start.mdms().map(m -> m.specSha256().hex()).orElse(null));
                insert.setString(11, start.mdms().map(m -> m.bindingSha256().hex()).orElse(null));
                SqlValues.setInstant(insert, 12, start.startedAt());
                insert.setString(13, start.station());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO run_position (run_id, position_no) VALUES (?, ?)")) {
                for (int position : start.plannedPositions()) {
                    insert.setObject(1, id.value());
                    insert.setInt(2, position);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return id;
    }

    void startPosition(RunId run, int position, String meterSerial) throws ResultStoreException {
        Instant now = now();
        database.write("the start of position " + position + " of run " + run, c -> {
            // A serial already set stays unless a new one is given; a restart keeps the first start time.
            int updated = update(c, "UPDATE run_position SET meter_serial = COALESCE(?, meter_serial),"
                    + " started_at = COALESCE(started_at, ?) WHERE run_id = ? AND position_no = ?", s -> {
                        s.setString(1, meterSerial);
                        SqlValues.setInstant(s, 2, now);
                        s.setObject(3, run.value());
                        s.setInt(4, position);
                    });
            if (updated == 0) {
                throw Explain.noSuchPosition(c, run, position);
            }
            return null;
        });
    }

    void setMeterSerial(RunId run, int position, String serial) throws ResultStoreException {
        database.write("the meter serial of position " + position + " of run " + run, c -> {
            int updated = update(c, "UPDATE run_position SET meter_serial = ? WHERE run_id = ? AND position_no = ?",
                    s -> {
                        s.setString(1, serial);
                        s.setObject(2, run.value());
                        s.setInt(3, position);
                    });
            if (updated == 0) {
                throw Explain.noSuchPosition(c, run, position);
            }
            return null;
        });
    }

    StepId startStep(RunId run, int position, int index, String name, String kind, Instant startedAt)
            throws ResultStoreException {
        StepId id = StepId.random();
        database.write("step " + index + " '" + name + "' of position " + position + " of run " + run, c ->
                update(c, "INSERT INTO step (id, run_id, position_no, step_index, name, kind, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
                            s.setObject(1, id.value());
                            s.setObject(2, run.value());
                            s.setInt(3, position);
                            s.setInt(4, index);
                            s.setString(5, name);
                            s.setString(6, kind);
                            SqlValues.setInstant(s, 7, startedAt);
                        }));
        return id;
    }

    void finishStep(StepId step, Verdict verdict, String message, Instant endedAt) throws ResultStoreException {
        String cleanMessage = secrets.clean(message, () -> "the message of step " + step);
        database.write("the end of step " + step, c -> {
            int updated = update(c, "UPDATE step SET verdict = ?, message = ?, ended_at = ?"
                    + " WHERE id = ? AND verdict IS NULL", s -> {
                        s.setString(1, verdict.name());
                        s.setString(2, cleanMessage);
                        SqlValues.setInstant(s, 3, endedAt);
                        s.setObject(4, step.value());
                    });
            if (updated == 0) {
                throw Explain.stepNotOpen(c, step);
            }
            return null;
        });
    }

    void recordMeasurement(StepId step, MeasurementRecord measurement) throws ResultStoreException {
        String textValue = measurement.value() instanceof MeasuredValue.Text text
                ? secrets.clean(text.text(), () -> "measurement '" + measurement.name() + "' of step " + step)
                : null;
        database.write("measurement '" + measurement.name() + "' of step " + step, c ->
                update(c, "INSERT INTO measurement (step_id, name, numeric_value, unit, text_value, limit_text,"
                        + " verdict, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                            s.setObject(1, step.value());
                            s.setString(2, measurement.name());
                            if (measurement.value() instanceof MeasuredValue.Numeric numeric) {
                                s.setDouble(3, numeric.value());
                                s.setString(4, numeric.unit());
                            } else {
                                s.setNull(3, Types.DOUBLE);
                                s.setNull(4, Types.VARCHAR);
                            }
                            s.setString(5, textValue);
                            s.setString(6, measurement.limit().orElse(null));
                            s.setString(7, measurement.verdict().name());
                            SqlValues.setInstant(s, 8, measurement.measuredAt());
                        }));
    }

    void recordFinding(RunId run, int position, StepId step, Finding finding) throws ResultStoreException {
        Instant now = now();
        String where = "finding " + finding.type() + " of position " + position + " of run " + run;
        String message = secrets.clean(finding.message(), () -> "the message of " + where);
        List<String> evidence = finding.evidence().stream()
                .map(e -> secrets.clean(e, () -> "the evidence of " + where))
                .toList();
        database.write(where, c -> {
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO finding (run_id, position_no, step_id,"
                    + " finding_type, message, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                insert.setObject(1, run.value());
                insert.setInt(2, position);
                insert.setObject(3, step == null ? null : step.value());
                insert.setString(4, finding.type().name());
                insert.setString(5, message);
                SqlValues.setInstant(insert, 6, now);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    id = key.getLong(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO finding_evidence (finding_id, item_no, content) VALUES (?, ?, ?)")) {
                for (int i = 0; i < evidence.size(); i++) {
                    insert.setLong(1, id);
                    insert.setInt(2, i);
                    insert.setString(3, evidence.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    void recordEvidence(StepId step, String kind, String content) throws ResultStoreException {
        Instant now = now();
        String clean = secrets.clean(content, () -> "evidence '" + kind + "' of step " + step);
        database.write("evidence '" + kind + "' of step " + step, c ->
                update(c, "INSERT INTO evidence (step_id, kind, content, recorded_at) VALUES (?, ?, ?, ?)", s -> {
                    s.setObject(1, step.value());
                    s.setString(2, kind);
                    s.setString(3, clean);
                    SqlValues.setInstant(s, 4, now);
                }));
    }

    void finishPosition(RunId run, int position, Verdict verdict) throws ResultStoreException {
        Instant now = now();
        database.write("the end of position " + position + " of run " + run, c -> {
            int open = OpenParts.abortSteps(c, run.value(), position, now,
                    "The position was finished while this step was still open.");
            int updated = update(c, "UPDATE run_position SET verdict = ?, ended_at = ?"
                    + " WHERE run_id = ? AND position_no = ? AND verdict IS NULL", s -> {
                        s.setString(1, verdict.name());
                        SqlValues.setInstant(s, 2, now);
                        s.setObject(3, run.value());
                        s.setInt(4, position);
                    });
            if (updated == 0) {
                throw Explain.positionNotOpen(c, run, position);
            }
            if (open > 0) {
                log.warn("position {} of run {} finished with {} step(s) still open: marked ABORTED", position, run,
                        open);
            }
            return null;
        });
    }

    void finishRun(RunId run, Verdict verdict, Instant endedAt) throws ResultStoreException {
        database.write("the end of run " + run, c -> {
            int openSteps = OpenParts.abortSteps(c, run.value(), null, endedAt,
                    "The run was finished while this step was still open.");
            int openPositions = OpenParts.abortPositions(c, run.value(), endedAt);
            int updated = update(c, "UPDATE run SET verdict = ?, ended_at = ? WHERE id = ? AND verdict IS NULL", s -> {
                s.setString(1, verdict.name());
                SqlValues.setInstant(s, 2, endedAt);
                s.setObject(3, run.value());
            });
            if (updated == 0) {
                throw Explain.runNotOpen(c, run);
            }
            if (openSteps + openPositions > 0) {
                log.warn("run {} finished with {} position(s) and {} step(s) still open: marked ABORTED", run,
                        openPositions, openSteps);
            }
            return null;
        });
    }

    private Instant now() {
        return Checks.micros(clock.instant(), "now");
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }
}
