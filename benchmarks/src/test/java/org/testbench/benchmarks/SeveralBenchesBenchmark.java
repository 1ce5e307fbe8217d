package org.testbench.benchmarks;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.MeasurementRecord;
import org.testbench.sequences.results.ResultStore;
import org.testbench.sequences.results.RunId;
import org.testbench.sequences.results.RunStart;
import org.testbench.sequences.results.StepId;
import org.testbench.testsupport.postgres.PostgresServer;

/**
 * Recording throughput of one bench against three benches at once into one database, on PostgreSQL (a
 * server of Debian's package, durable settings: fsync on) and on the H2 file with its automatic server (the
 * default database shared by the processes of one PC). Each bench is a results store of its own, as each
 * bench PC opens one, recording {@value #POSITIONS} positions in parallel, each {@value #STEPS} steps of
 * {@value #MEASUREMENTS} measurements, every call its own committed transaction. The baseline is one bench
 * on H2, measured in the same run. Run with {@code mvn -pl benchmarks -am test -Pbenchmarks
 * -Dtest=SeveralBenchesBenchmark}.
 */
@Tag("benchmark")
class SeveralBenchesBenchmark {

    static final int POSITIONS = 20;
    static final int STEPS = 10;
    static final int MEASUREMENTS = 3;
    /** startPosition, startStep, recordMeasurement, finishStep, finishPosition per bench, + startRun, finishRun. */
    static final int CALLS_PER_BENCH = 2 + POSITIONS * (2 + STEPS * (2 + MEASUREMENTS));

    @TempDir
    Path dir;

    private record Figures(String label, int benches, long nanos) {
        double callsPerSecond() {
            return benches * (double) CALLS_PER_BENCH / (nanos / 1e9);
        }
    }

    @Test
    void oneBenchAgainstThreeIntoPostgresqlAndH2() throws Exception {
        List<Figures> figures = new ArrayList<>();
        String h2 = "jdbc:h2:file:" + dir.resolve("results") + ";AUTO_SERVER=TRUE";
        record(h2, "", 1); // class loading and JIT before anything counts
        figures.add(new Figures("H2 file, 1 bench", 1, record(h2, "", 1)));
        figures.add(new Figures("H2 file, 3 benches at once", 3, record(h2, "", 3)));
        try (PostgresServer server = PostgresServer.start(Map.of("max_connections", "100"))) {
            String pg = server.createDatabase("benchmark") + "?user=" + PostgresServer.USER;
            record(pg, server.password(), 1);
            figures.add(new Figures("PostgreSQL 1 bench", 1, record(pg, server.password(), 1)));
            figures.add(new Figures("PostgreSQL 3 benches at once", 3, record(pg, server.password(), 3)));
        }
        Figures baseline = figures.get(0);
        System.out.printf(Locale.ROOT, "%nSeveral benches, one database: each bench %d positions x %d steps x %d"
                + " measurements, %d store calls, a commit each (%d cores)%n", POSITIONS, STEPS, MEASUREMENTS,
                CALLS_PER_BENCH, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-32s %10s %12s %16s%n", "", "seconds", "calls/s", "vs H2 1 bench");
        for (Figures f : figures) {
            System.out.printf(Locale.ROOT, "%-32s %10.2f %12.0f %15.2fx%n", f.label(), f.nanos() / 1e9,
                    f.callsPerSecond(), f.callsPerSecond() / baseline.callsPerSecond());
        }
    }

    /** @return the nanoseconds from the first call of any bench to the last call of every bench */
    private static long record(String url, String password, int benches) throws Exception {
        List<ResultStore> stores = new ArrayList<>();
        try {
            for (int b = 0; b < benches; b++) {
                stores.add(ResultStore.open(url, PostgresServer.USER, password.toCharArray()));
            }
            ExecutorService threads = Executors.newFixedThreadPool(benches * POSITIONS);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            List<RunId> runs = new ArrayList<>();
            for (int b = 0; b < benches; b++) {
                ResultStore store = stores.get(b);
                RunId run = store.startRun(start("bench-" + (b + 1)));
                runs.add(run);
                for (int p = 1; p <= POSITIONS; p++) {
                    int position = p;
                    done.add(threads.submit(() -> {
                        recordPosition(store, run, position);
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
            for (int b = 0; b < benches; b++) {
                stores.get(b).finishRun(runs.get(b), Verdict.PASS, now());
            }
            long nanos = System.nanoTime() - start;
            threads.shutdown();
            return nanos;
        } finally {
            stores.forEach(ResultStore::close);
        }
    }

    private static RunStart start(String station) {
        return RunStart.newBuilder().sequence("benchmark", "name: benchmark\nsteps: []\n").softwareVersion("bench")
                .operator("benchmark").station(station).lab("{}")
                .plannedPositions(IntStream.rangeClosed(1, POSITIONS).toArray()).startedAt(now()).build();
    }

    private static void recordPosition(ResultStore store, RunId run, int p) throws Exception {
        store.startPosition(run, p, "M-" + p);
        for (int i = 0; i < STEPS; i++) {
            StepId step = store.startStep(run, p, i, "step " + i, "bench.measure", now());
            for (int m = 0; m < MEASUREMENTS; m++) {
                store.recordMeasurement(step, MeasurementRecord.numeric("m" + m, i + m, "A", null, Verdict.PASS,
                        now()));
            }
            store.finishStep(step, Verdict.PASS, null, now());
        }
        store.finishPosition(run, p, Verdict.PASS);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
