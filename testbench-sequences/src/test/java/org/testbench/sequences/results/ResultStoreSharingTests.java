package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.sequences.outcome.Verdict;

/**
 * Two processes on one H2 file. With H2's automatic server (the default database has it) the second reads
 * while the first records, and does not take the first's run for abandoned; without it, the second is told
 * plainly that the file is in use.
 */
class ResultStoreSharingTests {

    static final Duration PATIENCE = Duration.ofSeconds(40);

    /** 127.0.0.1, ::ffff:127.0.0.1 and ::1 as /proc/net/tcp and tcp6 print them. */
    static final List<String> LOOPBACK = List.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aSecondProcessReadsWhileTheFirstRecordsAndLeavesItsRunAlone() throws Exception {
        String url = Fixtures.h2Url(dir) + ";AUTO_SERVER=TRUE";
        try (ChildJvm recorder = ChildJvm.start(RecordingProcess.class, "serve", url)) {
            RunId run = RunId.parse(recorder.awaitLine("READY", PATIENCE).split(" ")[1]);
            assertThat(listeningAddresses(serverPort())).as("the automatic server listens on loopback only")
                    .isNotEmpty()
                    .isSubsetOf(LOOPBACK);

            try (ResultStore reader = ResultStore.open(url, "testbench", new char[0])) {
                assertThat(reader.recoveredRuns()).as("the recorder is alive").isEmpty();
                assertThat(reader.loadRun(run).orElseThrow().completion()).as("still recording").isEmpty();
                assertThat(steps(reader, run)).isEqualTo(1);

                recorder.send("step");
                recorder.awaitLine("STEP 1", PATIENCE);
                assertThat(steps(reader, run)).as("a step recorded meanwhile").isEqualTo(2);

                recorder.send("finish");
                recorder.awaitLine("FINISHED", PATIENCE);
                assertThat(reader.findRuns(RunQuery.all().withVerdicts(Verdict.PASS)))
                        .extracting(RunSummary::id).containsExactly(run);
            }
            recorder.send("exit");
            recorder.awaitLine("CLOSED", PATIENCE);
            assertThat(recorder.awaitExit(PATIENCE)).isZero();
        }
        try (ResultStore alone = ResultStore.open(url, "testbench", new char[0])) {
            assertThat(alone.findRuns(RunQuery.all())).singleElement()
                    .satisfies(s -> assertThat(s.completion()).map(Completion::verdict).contains(Verdict.PASS));
        }
    }

    @Test
    @Timeout(60)
    void withoutTheAutomaticServerASecondProcessIsToldTheFileIsInUse() throws Exception {
        String url = Fixtures.h2Url(dir);
        try (ChildJvm recorder = ChildJvm.start(RecordingProcess.class, "serve", url)) {
            recorder.awaitLine("READY", PATIENCE);

            assertThatThrownBy(() -> ResultStore.open(url, "testbench", new char[0]))
                    .isInstanceOfSatisfying(ResultStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(ResultStoreException.Reason.IN_USE))
                    .hasMessage("the results database " + dir.resolve("results.mv.db") + " is open in another process:"
                            + " close the other Testbench, or add ;AUTO_SERVER=TRUE to the URL of both so that they"
                            + " share it");
        }
    }

    /** H2 writes where its automatic server listens into the lock file: server=host:port. */
    private int serverPort() throws IOException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("results.lock.db"))) {
            lock.load(in);
        }
        String server = lock.getProperty("server", "");
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    /**
     * The local addresses (as Linux prints them, see {@link #LOOPBACK}) of the sockets listening on this port:
     * the lock file cannot tell, as H2 writes "localhost" for loopback and for a host named so alike.
     */
    private static List<String> listeningAddresses(int port) throws IOException {
        Path tcp = Path.of("/proc/net/tcp");
        assumeTrue(Files.isReadable(tcp), "needs Linux's /proc/net/tcp");
        String hexPort = String.format("%04X", port);
        List<String> addresses = new ArrayList<>();
        for (Path table : List.of(tcp, Path.of("/proc/net/tcp6"))) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.strip().split("\\s+");
                // fields: sl local_address rem_address st ...; st 0A is LISTEN
                if (fields.length > 3 && fields[1].endsWith(":" + hexPort) && fields[3].equals("0A")) {
                    addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    private static int steps(ResultStore store, RunId run) throws ResultStoreException {
        return store.loadRun(run).orElseThrow().position(1).orElseThrow().steps().size();
    }
}
