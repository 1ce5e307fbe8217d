package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * The same store on PostgreSQL: the schema migrates, a run reads back, and recovery tells a killed recorder
 * from a live one by advisory locks. Runs when TESTBENCH_TEST_POSTGRES_URL names a database on a server
 * where its user may create databases, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=testbench};
 * each test gets a database of its own and drops it afterwards.
 */
@EnabledIfEnvironmentVariable(named = PostgresResultStoreTests.SERVER, matches = "jdbc:postgresql:.+")
class PostgresResultStoreTests {

    static final String SERVER = "TESTBENCH_TEST_POSTGRES_URL";
    static final Duration PATIENCE = Duration.ofSeconds(40);

    String database;
    String url;

    @BeforeEach
    void createDatabase() throws Exception {
        database = "tb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database);
        String server = System.getenv(SERVER);
        int slash = server.indexOf('/', "jdbc:postgresql://".length());
        int query = server.indexOf('?');
        url = server.substring(0, slash + 1) + database + (query < 0 ? "" : server.substring(query));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv(SERVER));
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private ResultStore open() throws ResultStoreException {
        return ResultStore.open(url, "testbench", new char[0]);
    }

    @Test
    void recordsAndReadsARunBack() throws Exception {
        Instant t0 = Fixtures.now();
        RunStart start = Fixtures.run(t0, 1, 2)
                .mdms(new MdmsInterface("1.4.2", Sha256.ofUtf8("spec"), Sha256.ofUtf8("binding")))
                .build();
        try (ResultStore store = open()) {
            RunId run = store.startRun(start);
            store.startPosition(run, 1, "PG-1");
            StepId step = store.startStep(run, 1, 0, "measure", "bench.measure", t0.plusMillis(1));
            MeasurementRecord current = MeasurementRecord.numeric("current", 4.98, "A", "< 0.05 A", Verdict.FAIL,
                    t0.plusMillis(2));
            MeasurementRecord state = MeasurementRecord.text("state", "CLOSED", "= OPEN", Verdict.FAIL, t0.plusMillis(3));
            store.recordMeasurement(step, current);
            store.recordMeasurement(step, state);
            store.recordEvidence(step, "scpi exchange", "MEAS:CURR? 1 -> 4.98");
            Finding finding = Finding.of(FindingType.DATA_INCONSISTENCY, "MDMS says OPEN", "a", "b");
            store.recordFinding(run, 1, step, finding);
            store.recordFinding(run, 2, null, Finding.of(FindingType.DOCUMENTATION_GAP, "no 4xx"));
            store.finishStep(step, Verdict.FAIL, "current flows", t0.plusMillis(4));
            store.finishPosition(run, 1, Verdict.FAIL);
            store.finishRun(run, Verdict.FAIL, t0.plusSeconds(1));

            RunDetail detail = store.loadRun(run).orElseThrow();
            assertThat(detail.start()).isEqualTo(start);
            assertThat(detail.completion()).contains(new Completion(Verdict.FAIL, t0.plusSeconds(1)));
            StepDetail stored = detail.position(1).orElseThrow().steps().get(0);
            assertThat(stored.id()).isEqualTo(step);
            assertThat(stored.measurements()).containsExactly(current, state);
            assertThat(stored.evidence()).extracting(EvidenceRecord::content).containsExactly("MEAS:CURR? 1 -> 4.98");
            assertThat(detail.position(1).orElseThrow().findings()).extracting(RecordedFinding::finding)
                    .containsExactly(finding);
            assertThat(detail.position(2).orElseThrow().completion()).map(Completion::verdict)
                    .contains(Verdict.ABORTED);

            assertThat(store.findRuns(RunQuery.all().withMeterSerial("PG-1").withVerdicts(Verdict.FAIL)
                    .withStartedBetween(t0, t0.plusSeconds(1)))).singleElement().satisfies(summary -> {
                        assertThat(summary.id()).isEqualTo(run);
                        assertThat(summary.steps()).isEqualTo(new VerdictCounts(0, 1, 0, 0, 0));
                        assertThat(summary.measurements()).isEqualTo(2);
                        assertThat(summary.findings()).isEqualTo(2);
                    });
        }
        try (ResultStore again = open()) {
            assertThat(again.findRuns(RunQuery.all())).hasSize(1);
        }
    }

    @Test
    @Timeout(90)
    void recoversTheRunOfAKilledRecorderAndLeavesTheLiveOneAlone() throws Exception {
        try (ChildJvm live = ChildJvm.start(RecordingProcess.class, "serve", url)) {
            RunId liveRun = RunId.parse(live.awaitLine("READY", PATIENCE).split(" ")[1]);
            RunId killedRun;
            try (ChildJvm killed = ChildJvm.start(RecordingProcess.class, "crash", url)) {
                killedRun = RunId.parse(killed.awaitLine("READY", PATIENCE).split(" ")[1]);
                killed.killHard();
            }

            try (ResultStore store = open()) {
                assertThat(store.recoveredRuns()).extracting(RecoveredRun::id).containsExactly(killedRun);
                RunDetail recovered = store.loadRun(killedRun).orElseThrow();
                assertThat(recovered.completion()).map(Completion::verdict).contains(Verdict.ABORTED);
                assertThat(recovered.position(1).orElseThrow().steps()).extracting(s -> s.completion().map(
                        Completion::verdict).orElseThrow()).containsExactly(Verdict.PASS, Verdict.ABORTED);
                assertThat(store.loadRun(liveRun).orElseThrow().completion()).as("still recording").isEmpty();

                live.send("step");
                live.awaitLine("STEP 1", PATIENCE);
                live.send("finish");
                live.awaitLine("FINISHED", PATIENCE);
                assertThat(store.loadRun(liveRun).orElseThrow().completion()).map(Completion::verdict)
                        .contains(Verdict.PASS);
            }
            live.send("exit");
            assertThat(live.awaitExit(PATIENCE)).isZero();
        }
    }
}
