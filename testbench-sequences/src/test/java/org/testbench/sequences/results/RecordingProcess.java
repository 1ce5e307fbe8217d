package org.testbench.sequences.results;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * A recorder in a process of its own, for the tests that kill it or share its database.
 * <ul>
 * <li>{@code crash <url>} records a run half-way, prints {@code READY <run> <finished step> <open step>} and
 *     sleeps until killed;</li>
 * <li>{@code default} records a run in the default database and prints {@code DEFAULT <url>};</li>
 * <li>{@code bench <url> <station> <positions>} records a run of that station, every position at once on a
 *     thread of its own ({@link ResultStoreConcurrencyTests#recordPosition}), prints {@code READY <run>} with the
 *     run still open, then finishes it on {@code finish} ({@code FINISHED}) and closes on {@code exit};</li>
 * <li>{@code serve <url>} starts a run, prints {@code READY <run>}, then obeys stdin: {@code step} records one
 *     more step ({@code STEP <index>}), {@code finish} ends the run ({@code FINISHED}), {@code exit} closes.</li>
 * </ul>
 */
public final class RecordingProcess {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private RecordingProcess() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("default")) {
            openDefault();
            return;
        }
        ResultStore store = ResultStore.open(args[1], "testbench", new char[0]);
        switch (mode) {
            case "crash" -> crash(store);
            case "serve" -> serve(store);
            case "bench" -> bench(store, args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void openDefault() throws Exception {
        try (ResultStore store = ResultStore.openDefault()) {
            RunId run = store.startRun(Fixtures.run(T0, 1).build());
            store.finishRun(run, Verdict.PASS, T0.plusSeconds(1));
        }
        System.out.println("DEFAULT " + ResultStore.defaultUrl());
    }

    private static void crash(ResultStore store) throws Exception {
        store.addSecrets(SecretFilter.of(ProcessFixtures.KEY));
        RunId run = store.startRun(Fixtures.run(T0, 1, 2, 3).build());
        store.startPosition(run, 1, "KILL-1");
        StepId finished = store.startStep(run, 1, 0, "read identity", "meter.read", T0.plusSeconds(1));
        store.recordMeasurement(finished, MeasurementRecord.text("serial", "KILL-1", "= nameplate", Verdict.PASS,
                T0.plusSeconds(2)));
        store.recordEvidence(finished, "optical", "/LGZ5\\2ZMD3104107.B33 key " + ProcessFixtures.KEY_HEX);
        store.finishStep(finished, Verdict.PASS, null, T0.plusSeconds(3));
        StepId open = store.startStep(run, 1, 1, "open load switch", "mdms.loadSwitch.open", T0.plusSeconds(4));
        store.recordMeasurement(open, MeasurementRecord.numeric("bench current", 4.98, "A", "< 0.05 A", Verdict.FAIL,
                T0.plusSeconds(5)));
        store.recordFinding(run, 1, open, Finding.of(FindingType.DATA_INCONSISTENCY,
                "MDMS says OPEN, bench current 4.98 A", "GET /loadswitch -> OPEN", "MEAS:CURR? 1 -> 4.98"));
        store.startPosition(run, 2, "KILL-2");
        StepId other = store.startStep(run, 2, 0, "read identity", "meter.read", T0.plusSeconds(1));
        store.finishStep(other, Verdict.PASS, null, T0.plusSeconds(2));
        store.finishPosition(run, 2, Verdict.PASS);
        System.out.println("READY " + run + " " + finished + " " + open);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void bench(ResultStore store, String station, int positions) throws Exception {
        int[] planned = java.util.stream.IntStream.rangeClosed(1, positions).toArray();
        Instant t0 = Fixtures.now();
        RunId run = store.startRun(Fixtures.run(t0, planned).station(station).build());
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(positions);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int p : planned) {
            done.add(threads.submit(() -> {
                ResultStoreConcurrencyTests.recordPosition(store, run, p, t0);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> position : done) {
            position.get();
        }
        threads.shutdown();
        System.out.println("READY " + run);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.strip().equals("finish")) {
                store.finishRun(run, Verdict.PASS, Fixtures.now());
                System.out.println("FINISHED");
            } else if (line.strip().equals("exit")) {
                store.close();
                System.out.println("CLOSED");
                System.out.flush();
                return;
            }
            System.out.flush();
        }
    }

    private static void serve(ResultStore store) throws Exception {
        RunId run = store.startRun(Fixtures.run(T0, 1).build());
        store.startPosition(run, 1, "SHARED-1");
        int index = 0;
        StepId step = store.startStep(run, 1, index, "step " + index, "check", T0);
        store.finishStep(step, Verdict.PASS, null, T0.plusSeconds(1));
        System.out.println("READY " + run);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.strip()) {
                case "step" -> {
                    index++;
                    StepId next = store.startStep(run, 1, index, "step " + index, "check", T0.plusSeconds(index));
                    store.finishStep(next, Verdict.PASS, null, T0.plusSeconds(index + 1));
                    System.out.println("STEP " + index);
                }
                case "finish" -> {
                    store.finishPosition(run, 1, Verdict.PASS);
                    store.finishRun(run, Verdict.PASS, T0.plusSeconds(60));
                    System.out.println("FINISHED");
                }
                case "exit" -> {
                    store.close();
                    System.out.println("CLOSED");
                    return;
                }
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
    }
}
