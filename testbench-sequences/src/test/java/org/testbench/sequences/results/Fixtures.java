package org.testbench.sequences.results;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Runs and databases the store's tests share. */
final class Fixtures {

    static final String SEQUENCE_TEXT = """
            name: e2e-load-switch
            steps:
              - meter.read: identity
              - mdms.loadSwitch.open: {}
              - bench.measure: {current: "< 0.05 A"}
            """;

    private Fixtures() {
    }

    /** A fresh H2 file database in the directory, as {@link ResultStore#open} gets it from a user. */
    static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("results");
    }

    static ResultStore open(Path directory) throws ResultStoreException {
        return ResultStore.open(h2Url(directory), "testbench", new char[0]);
    }

    /** Now, to the microsecond: what the store keeps. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static RunStart.Builder run(Instant startedAt, int... positions) {
        return RunStart.newBuilder()
                .sequence("e2e-load-switch", SEQUENCE_TEXT)
                .softwareVersion("0.1.0")
                .operator("A. Technician")
                .station("B-3")
                .lab("{\"bench\": \"B-3\", \"source\": \"MTE PTS 3.3\"}")
                .plannedPositions(positions)
                .startedAt(startedAt);
    }
}
