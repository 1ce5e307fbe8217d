package org.testbench.benchmarks;

import org.testbench.sequences.mdms.MdmsConnection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.PositionSetup;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.mdms.ClientMdmsGateway;

/**
 * The E2E load-switch sequence on the virtual lab with 1, 20 and 100 positions: wall time, the ratio to the
 * 1-position time (1.0 would be perfect parallelism), peak heap; then the engine's own overhead per step,
 * measured with a sequence of pure checks (no I/O) on 100 positions. Figures, not assertions.
 * Run with {@code mvn -pl benchmarks -am test -Pbenchmarks}.
 */
@Tag("benchmark")
class E2eScaleBenchmark {

    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final String TOKEN = "benchmark-token-0123456789";

    @Test
    void e2eOnOneTwentyAndHundredPositions() throws Exception {
        Sequence e2e = SequenceParser.parse(SAMPLES.resolve("sequences/e2e-load-switch.yaml"));
        List<String> rows = new ArrayList<>();
        double baseline = 0;
        for (int positions : new int[] {1, 20, 100}) {
            resetPeaks();
            long start = System.nanoTime();
            RunResult result = runOnLab(e2e, positions);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (positions == 1) {
                baseline = seconds;
            }
            long passed = result.positions().stream().filter(p -> p.verdict().name().equals("PASS")).count();
            rows.add(String.format(Locale.ROOT, "%9d %10.1f %8.2f %14.0f %8d/%d", positions, seconds, seconds / baseline,
                    peakHeapMb(), passed, positions));
        }
        System.out.printf("%nE2E load switch on the virtual lab (MDMS latency RF x0.1, lab start included)%n");
        System.out.printf("%9s %10s %8s %14s %10s%n", "positions", "wall s", "ratio", "peak heap MB", "passed");
        rows.forEach(System.out::println);

        Sequence checks = SequenceParser.parse("checks.yaml", checksSequence(200).getBytes());
        int positions = 100;
        long start = System.nanoTime();
        new SequenceEngine().start(checks, Map.of(), fakePositions(positions), noInstruments(), new RunListener() { })
                .await(Duration.ofMinutes(5));
        double micros = (System.nanoTime() - start) / 1e3 / (200.0 * positions);
        System.out.printf(Locale.ROOT, "%nEngine overhead: %d positions x 200 checks, %.1f us per step%n", positions,
                micros);
    }

    private static RunResult runOnLab(Sequence sequence, int positions) throws Exception {
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(positions).keystorePassword(PASSWORD.clone())
                .opticalPty(false).benchPty(false).mdmsToken(TOKEN).mdmsTimeScale(0.1).build());
             ScpiBench bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(5));
             ClientMdmsGateway mdms = MdmsConnection.to(new BenchConfiguration.MdmsConfig(
                     URI.create(lab.mdms().url()), SAMPLES.resolve("openapi/mdms-v1.yaml"),
                     SAMPLES.resolve("bindings/mdms-v1.binding.yaml"), "UNUSED", Optional.empty(), Optional.empty(),
                     BenchConfiguration.Latency.RF)).secrets(variable -> Optional.of(TOKEN)).gateway()) {
            List<PositionSetup> setups = new ArrayList<>();
            for (VirtualMeter m : lab.meters()) {
                setups.add(new PositionSetup(m.position(), Optional.of(m.serial()),
                        new OpticalChannel(PortAddress.parse(m.opticalEndpoint())),
                        Optional.of(new AmiChannel(PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(5)))));
            }
            Instruments instruments = new Instruments(Optional.of(bench),
                    Optional.of(MeterKeyStore.open(lab.keystore(), PASSWORD)), Optional.of(mdms), (p, k, m) -> "yes",
                    SessionOptions.defaults());
            return new SequenceEngine().start(sequence, Map.of(), setups, instruments, new RunListener() { })
                    .await(Duration.ofMinutes(20));
        }
    }

    private static String checksSequence(int steps) {
        StringBuilder b = new StringBuilder("sequence: checks\nparameters:\n  limit: 5 A\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            b.append("  - check: {value: 4 A, below: \"${limit}\"}\n");
        }
        return b.toString();
    }

    /** Positions whose meters are never contacted: the check sequence needs none. */
    private static List<PositionSetup> fakePositions(int count) {
        List<PositionSetup> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(new PositionSetup(i, Optional.empty(), new OpticalChannel(PortAddress.parse("tcp:127.0.0.1:9")),
                    Optional.empty()));
        }
        return list;
    }

    private static Instruments noInstruments() {
        return new Instruments(Optional.empty(), Optional.empty(), Optional.empty(), (p, k, m) -> "yes",
                SessionOptions.defaults());
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1024.0 / 1024.0;
    }
}
