package org.testbench.sequences.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.outcome.Verdict;

/**
 * What the store's guarantee costs: every call its own committed transaction, written to the file before
 * it returns (WRITE_DELAY=0). Records {@value #POSITIONS} positions × {@value #STEPS} steps ×
 * {@value #MEASUREMENTS} measurements through the store, from one thread and with positions in parallel as
 * the engine records them, and the same rows with plain JDBC batch inserts in one transaction into the same
 * H2 file in the same run: the fastest a JDBC writer gets, with none of the guarantees.
 * Run with {@code mvn -pl testbench-sequences -am test -Pbenchmarks}.
 */
@Tag("benchmark")
class ResultStoreBenchmark {

    static final int POSITIONS = 100;
    static final int STEPS = 20;
    static final int MEASUREMENTS = 3;
    static final int THREADS = 8;
    /** run + planned positions + steps + measurements. */
    static final int ROWS = 1 + POSITIONS + POSITIONS * STEPS + POSITIONS * STEPS * MEASUREMENTS;
    /** startPosition, startStep, recordMeasurement, finishStep, finishPosition, and startRun + finishRun. */
    static final int CALLS = 2 + POSITIONS * (2 + STEPS * (2 + MEASUREMENTS));

    @TempDir
    Path dir;

    private record Figures(String label, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        double rowsPerSecond() {
            return ROWS / seconds();
        }
    }

    @Test
    void recordingThroughTheStoreAgainstPlainJdbcBatches() throws Exception {
        List<Figures> figures = new ArrayList<>();
        long fileWhileOpen;
        try (ResultStore store = Fixtures.open(dir)) {
            // The store's own settings, so that both write into the one database the store has open.
            String url = Fixtures.h2Url(dir) + ";WRITE_DELAY=0;MAX_COMPACT_TIME=2000";
            recordThroughStore(store, 1); // class loading and JIT before anything counts
            batchInsert(url);
            figures.add(new Figures("plain JDBC batches, one transaction", batchInsert(url)));
            figures.add(new Figures("store, 1 thread, a commit per call", recordThroughStore(store, 1)));
            figures.add(new Figures("store, " + THREADS + " threads, a commit per call",
                    recordThroughStore(store, THREADS)));
            fileWhileOpen = Files.size(dir.resolve("results.mv.db"));
        }
        Figures baseline = figures.get(0);
        System.out.printf(Locale.ROOT, "%nRecording %d positions x %d steps x %d measurements: %d rows, %d store calls"
                + " (H2 %s, file %s, %d cores)%n", POSITIONS, STEPS, MEASUREMENTS, ROWS, CALLS,
                org.h2.engine.Constants.FULL_VERSION, Fixtures.h2Url(dir), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-42s %10s %12s %12s %14s%n", "", "seconds", "rows/s", "calls/s",
                "batch/this");
        for (Figures f : figures) {
            System.out.printf(Locale.ROOT, "%-42s %10.2f %12.0f %12s %14.1f%n", f.label(), f.seconds(),
                    f.rowsPerSecond(), f == baseline ? "-" : String.format(Locale.ROOT, "%.0f", CALLS / f.seconds()),
                    baseline.rowsPerSecond() / f.rowsPerSecond());
        }
        // Each commit writes a chunk H2 keeps for 45 s; closing compacts (see H2Settings).
        System.out.printf(Locale.ROOT, "database file after 5 runs: %.1f MB while open, %.1f MB once closed%n",
                fileWhileOpen / 1e6, Files.size(dir.resolve("results.mv.db")) / 1e6);
    }

    /** @return nanoseconds to record one run, positions spread over the threads */
    private static long recordThroughStore(ResultStore store, int threads) throws Exception {
        int[] positions = new int[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            positions[i] = i + 1;
        }
        Instant t0 = Fixtures.now();
        long start = System.nanoTime();
        RunId run = store.startRun(Fixtures.run(t0, positions).build());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 1; p <= POSITIONS; p++) {
                int position = p;
                done.add(pool.submit(() -> {
                    recordPosition(store, run, position, t0);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        store.finishRun(run, Verdict.PASS, Fixtures.now());
        return System.nanoTime() - start;
    }

    private static void recordPosition(ResultStore store, RunId run, int p, Instant t0) throws Exception {
        store.startPosition(run, p, "M-" + p);
        for (int i = 0; i < STEPS; i++) {
            StepId step = store.startStep(run, p, i, "step " + i, "bench.measure", t0.plusMillis(i));
            for (int m = 0; m < MEASUREMENTS; m++) {
                store.recordMeasurement(step, MeasurementRecord.numeric("current " + m, 0.01 * m, "A", "< 0.05 A",
                        Verdict.PASS, t0.plusMillis(i)));
            }
            store.finishStep(step, Verdict.PASS, null, t0.plusMillis(i + 1));
        }
        store.finishPosition(run, p, Verdict.PASS);
    }

    /** @return nanoseconds to insert the same rows, finished already, in batches and one commit */
    private static long batchInsert(String url) throws SQLException {
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
        UUID session = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "testbench", "")) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO store_session (id, host, pid, opened_at, closed_at) VALUES (?, 'bench', 0, ?, ?)")) {
                s.setObject(1, session);
                s.setObject(2, t0);
                s.setObject(3, t0);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO run (id, session_id, sequence_name,"
                    + " sequence_sha256, sequence_text, software_version, operator_name, lab_description, started_at,"
                    + " ended_at, verdict) VALUES (?, ?, 'e2e-load-switch', ?, ?, '0.1.0', 'A. Technician', '{}', ?,"
                    + " ?, 'PASS')")) {
                s.setObject(1, run);
                s.setObject(2, session);
                s.setString(3, Sha256.ofUtf8(Fixtures.SEQUENCE_TEXT).hex());
                s.setString(4, Fixtures.SEQUENCE_TEXT);
                s.setObject(5, t0);
                s.setObject(6, t0);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO run_position (run_id, position_no,"
                    + " meter_serial, started_at, ended_at, verdict) VALUES (?, ?, ?, ?, ?, 'PASS')")) {
                for (int p = 1; p <= POSITIONS; p++) {
                    s.setObject(1, run);
                    s.setInt(2, p);
                    s.setString(3, "M-" + p);
                    s.setObject(4, t0);
                    s.setObject(5, t0);
                    s.addBatch();
                }
                s.executeBatch();
            }
            List<UUID> steps = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO step (id, run_id, position_no, step_index,"
                    + " name, kind, started_at, ended_at, verdict) VALUES (?, ?, ?, ?, ?, 'bench.measure', ?, ?,"
                    + " 'PASS')")) {
                for (int p = 1; p <= POSITIONS; p++) {
                    for (int i = 0; i < STEPS; i++) {
                        UUID step = UUID.randomUUID();
                        steps.add(step);
                        s.setObject(1, step);
                        s.setObject(2, run);
                        s.setInt(3, p);
                        s.setInt(4, i);
                        s.setString(5, "step " + i);
                        s.setObject(6, t0);
                        s.setObject(7, t0);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO measurement (step_id, name, numeric_value,"
                    + " unit, limit_text, verdict, measured_at) VALUES (?, ?, ?, 'A', '< 0.05 A', 'PASS', ?)")) {
                int n = 0;
                for (UUID step : steps) {
                    for (int m = 0; m < MEASUREMENTS; m++) {
                        s.setObject(1, step);
                        s.setString(2, "current " + m);
                        s.setDouble(3, 0.01 * m);
                        s.setObject(4, t0);
                        s.addBatch();
                        if (++n % 500 == 0) {
                            s.executeBatch();
                        }
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
        return System.nanoTime() - start;
    }
}
