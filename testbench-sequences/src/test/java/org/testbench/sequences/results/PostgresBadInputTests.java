package org.testbench.sequences.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testbench.sequences.outcome.Verdict;
import org.testbench.sequences.results.ResultStoreException.Reason;
import org.testbench.testsupport.postgres.PostgresExtension;
import org.testbench.testsupport.postgres.PostgresServer;

/**
 * A real PostgreSQL server that refuses, lacks a database, or drops the connection in the middle of a run: a
 * clear error naming the server, never the password, and nothing recorded lost.
 */
@ExtendWith(PostgresExtension.class)
class PostgresBadInputTests {

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt(PostgresServer server) {
        String url = server.createDatabase("wrong_password");

        assertThatThrownBy(() -> ResultStore.open(url, PostgresServer.USER, "not-the-password".toCharArray()))
                .isInstanceOfSatisfying(ResultStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED))
                .hasMessageStartingWith("the results database at " + url + " refused user 'testbench':")
                .hasMessageContaining("password authentication failed")
                .message().doesNotContain("not-the-password");
    }

    @Test
    void anUnknownDatabaseIsNamed(PostgresServer server) {
        String url = server.url("no_such_results");

        assertThatThrownBy(() -> ResultStore.open(url, PostgresServer.USER, server.password().toCharArray()))
                .isInstanceOfSatisfying(ResultStoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_URL))
                .hasMessageStartingWith("the results database named in " + url + " does not exist:");
    }

    @Test
    @Timeout(60)
    void aConnectionLostMidRunStopsTheRecordingAndKeepsWhatWasRecorded(PostgresServer server) throws Exception {
        String url = server.createDatabase("lost_connection");
        String database = url.substring(url.lastIndexOf('/') + 1);
        char[] password = server.password().toCharArray();
        RunId run;
        List<String> lost = new ArrayList<>();
        Instant t0 = Fixtures.now();
        try (ResultStore store = ResultStore.open(url, PostgresServer.USER, password)) {
            RunRecorder recorder = new RunRecorder(store, Fixtures.run(t0, 1).build(), lost::add);
            run = recorder.runId();
            StepId before = store.startStep(run, 1, 0, "before the loss", "check", t0);
            store.finishStep(before, Verdict.PASS, null, t0.plusMillis(1));

            server.dropConnections(database);

            // The lock's connection is checked at most once a second: the loss shows within a few writes.
            int index = 0;
            while (recorder.storeLost().isEmpty()) {
                recorder.serialKnown(1, "SERIAL-" + index++);
            }
            assertThatThrownBy(() -> store.startStep(recorder.runId(), 1, 1, "after the loss", "check", t0))
                    .isInstanceOfSatisfying(ResultStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION_LOST));
        }
        assertThat(lost).singleElement().satisfies(message -> assertThat(message)
                .startsWith("the connection to the results database at " + url + " was lost (")
                .contains("this store records nothing more")
                .contains("what was recorded before is kept"));

        try (ResultStore reopened = ResultStore.open(url, PostgresServer.USER, password)) {
            RunDetail detail = reopened.loadRun(run).orElseThrow();
            assertThat(detail.position(1).orElseThrow().steps()).first().satisfies(step -> {
                assertThat(step.name()).isEqualTo("before the loss");
                assertThat(step.completion()).map(Completion::verdict).contains(Verdict.PASS);
            });
            assertThat(detail.completion()).as("ended by the recovery of the lost session")
                    .map(Completion::verdict).contains(Verdict.ABORTED);
        }
    }
}
