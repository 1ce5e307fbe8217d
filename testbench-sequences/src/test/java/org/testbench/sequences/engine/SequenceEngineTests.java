package org.testbench.sequences.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.AmiChannel;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/** The engine against the virtual lab's meters and bench: real protocols, real timing, real faults. */
class SequenceEngineTests {

    private static final char[] PASSWORD = "engine-tests".toCharArray();
    private static Path dir;
    private static VirtualLab lab;
    private static Bench bench;
    private static MeterKeyStore keys;
    private final SequenceEngine engine = new SequenceEngine();
    private RecordingListener listener;

    @BeforeAll
    static void startLab() throws Exception {
        dir = Files.createTempDirectory("engine-tests");
        lab = VirtualLab.start(LabConfig.builder().meters(3).workDir(dir).keystorePassword(PASSWORD.clone())
                .opticalPty(false).benchPty(false).build());
        bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
        keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
    }

    @AfterAll
    static void stopLab() throws Exception {
        bench.close();
        lab.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void newListener() {
        listener = new RecordingListener();
    }

    private static Sequence sequence(String yaml) throws Exception {
        return SequenceParser.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<PositionSetup> positions(int count) {
        List<PositionSetup> list = new ArrayList<>();
        for (VirtualMeter m : lab.meters().subList(0, count)) {
            list.add(new PositionSetup(m.position(), Optional.of(m.serial()),
                    new OpticalChannel(PortAddress.parse(m.opticalEndpoint())),
                    Optional.of(new AmiChannel(PortAddress.parse(m.amiEndpoint()), Duration.ofSeconds(2)))));
        }
        return list;
    }

    private static Instruments instruments(OperatorPrompter prompter) {
        return new Instruments(Optional.of(bench), Optional.of(keys), Optional.empty(), prompter,
                SessionOptions.defaults());
    }

    private RunResult run(Sequence s, int positions) throws Exception {
        return engine.start(s, Map.of(), positions(positions), instruments((p, k, m) -> "yes"), listener)
                .await(Duration.ofSeconds(90));
    }

    private static final String LOAD_SWITCH_BY_METER = """
            sequence: load-switch-by-meter
            parameters:
              nominal: 5 A
            steps:
              - id: identity
                meter.read: {objects: [serial, loadSwitch]}
                expect:
                  - value: ${identity.serial}
                    equals: ${serial}
                    finding: ID_MISMATCH
              - bench.source: {on: true, voltage: 230 V, current: "${nominal}"}
              - meter.switch: open
              - verify.loadSwitch: {expect: open, nominal_current: "${nominal}"}
              - meter.switch: close
              - id: closed
                verify.loadSwitch: {expect: closed, nominal_current: "${nominal}"}
              - check: {value: "${closed.current}", within_percent: 2, of: "${nominal}"}
            cleanup:
              - meter.switch: close
              - bench.source: off
            """;

    @Test
    void passesOnEveryPositionWhenBothWitnessesConfirmEachStep() throws Exception {
        RunResult result = run(sequence(LOAD_SWITCH_BY_METER), 3);

        assertThat(result.verdict()).as(listener.steps.toString()).isEqualTo(Verdict.PASS);
        assertThat(result.positions()).extracting(RunResult.PositionResult::serial)
                .containsExactlyInAnyOrder("26000001", "26000002", "26000003");
        assertThat(listener.stepsOf(2)).hasSize(9).allMatch(s -> s.contains(":PASS"));
        assertThat(listener.findings).isEmpty();
        assertThat(bench.isSourceOn()).as("cleanup switched the source off").isFalse();
        assertThat(lab.meters()).allMatch(VirtualMeter::relayClosed);
    }

    @Test
    void aFailingCheckIsAFailWithItsFindingAndCleanupStillRuns() throws Exception {
        Sequence s = sequence("""
                sequence: wrong-expectation
                steps:
                  - bench.source: {on: true, current: 5 A}
                  - id: m
                    bench.measure: {}
                  - check: {value: "${m.current}", below: 1 A, finding: DATA_INCONSISTENCY, message: "current ${m.current} flows"}
                  - bench.measure: {}
                cleanup:
                  - bench.source: off
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.positions().get(0).findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.DATA_INCONSISTENCY);
            assertThat(f.message()).matches("current (4\\.9|5\\.0)\\d* A flows");
        });
        assertThat(listener.stepsOf(1)).as("on_fail stop: the last step did not run").hasSize(4);
        assertThat(bench.isSourceOn()).isFalse();
    }

    @Test
    void aUnitMismatchIsAnErrorOfTheSequenceNotAFailOfTheMeter() throws Exception {
        Sequence s = sequence("""
                sequence: unit-mismatch
                steps:
                  - id: m
                    bench.measure: {}
                  - check: {value: "${m.current}", below: 5 V}
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.positions().get(0).message()).contains("unit mismatch");
    }

    @Test
    void anUnreachableMeterIsAnError() throws Exception {
        Sequence s = sequence("""
                sequence: unreachable
                steps:
                  - bench.supply: off
                  - meter.read: {objects: [serial]}
                cleanup:
                  - bench.supply: on
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.positions().get(0).message()).contains(lab.meter(1).opticalEndpoint());
        assertThat(bench.isSupplyOn(1)).isTrue();
    }

    @Test
    void abortStopsTheRunningStepAndCleanupStillRuns() throws Exception {
        Sequence s = sequence("""
                sequence: long
                steps:
                  - bench.source: on
                  - wait: 5 min
                cleanup:
                  - bench.source: off
                """);
        RunHandle handle = engine.start(s, Map.of(), positions(2), instruments((p, k, m) -> "yes"), listener);
        while (!listener.started.containsAll(List.of("1:2", "2:2"))) { // both positions are in their wait
            assertThat(handle.isDone()).as(listener.steps.toString()).isFalse();
            Thread.sleep(20);
        }
        handle.abort();
        // Only a hang guard: the wait is 5 minutes, so a run that ends before this did not sit the wait out.
        RunResult result = handle.await(Duration.ofMinutes(2));

        assertThat(result.verdict()).isEqualTo(Verdict.ABORTED);
        for (int position = 1; position <= 2; position++) {
            assertThat(listener.stepsOf(position)).as("the running wait ended as aborted, then cleanup ran")
                    .hasSize(3).element(1).asString().endsWith(":ABORTED:aborted");
            assertThat(listener.stepsOf(position).get(2)).endsWith(":PASS");
        }
        assertThat(bench.isSourceOn()).isFalse();
    }

    @Test
    void aStepThatOverrunsItsTimeoutIsAnError() throws Exception {
        Sequence s = sequence("""
                sequence: slow
                steps:
                  - wait: 3 s
                    timeout: 300 ms
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.positions().get(0).message()).contains("timeout of 300 ms");
    }

    @Test
    void theOperatorsScanIsComparedWithTheMetersIdentity() throws Exception {
        Sequence s = sequence("""
                sequence: nameplate
                steps:
                  - id: scan
                    prompt: {kind: scan, message: "Scan the nameplate of position ${position}", into: nameplate}
                  - id: optical
                    meter.read: {objects: [serial]}
                  - check: {value: "${scan.nameplate}", equals: "${optical.serial}", finding: ID_MISMATCH}
                """);
        OperatorPrompter scanner = (position, kind, message) -> position == 1 ? "26000001" : "99999999";
        RunResult result = engine.start(s, Map.of(), positions(2), instruments(scanner), listener)
                .await(Duration.ofSeconds(30));

        assertThat(result.positions()).filteredOn(p -> p.position() == 1).singleElement()
                .extracting(RunResult.PositionResult::verdict).isEqualTo(Verdict.PASS);
        assertThat(result.positions()).filteredOn(p -> p.position() == 2).singleElement()
                .satisfies(p -> assertThat(p.findings()).extracting(f -> f.type()).containsExactly(FindingType.ID_MISMATCH));
    }

    @Test
    void aMissingInstrumentIsNamed() throws Exception {
        Sequence s = sequence("""
                sequence: needs-mdms
                steps:
                  - mdms.loadSwitch.status: {}
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.positions().get(0).message()).contains("needs an MDMS, and none is configured");
    }

    @Test
    void pollsUntilTheConditionHolds() throws Exception {
        Sequence s = sequence("""
                sequence: poll
                steps:
                  - bench.source: {on: true, current: 5 A}
                  - id: settled
                    poll:
                      step: {bench.measure: {}}
                      until:
                        - {value: "${settled.current}", above: 4 A}
                      timeout: 10 s
                      interval: 200 ms
                cleanup:
                  - bench.source: off
                """);
        RunResult result = run(s, 1);

        assertThat(result.verdict()).as(listener.steps.toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anMdmsThatCannotBeReachedIsAnErrorAndCleanupStillRuns() throws Exception {
        Path samples = Path.of("..", "samples").toAbsolutePath().normalize();
        Sequence s = sequence("""
                sequence: mdms-gone
                steps:
                  - bench.source: {on: true, current: 5 A}
                  - mdms.loadSwitch.status: {}
                cleanup:
                  - bench.source: off
                """);
        // Nothing listens on port 1: the MDMS is gone.
        try (var gone = org.testbench.sequences.mdms.MdmsConnection.to(
                new org.testbench.sequences.config.BenchConfiguration.MdmsConfig(java.net.URI.create("http://127.0.0.1:1"),
                        samples.resolve("openapi/mdms-v1.yaml"), samples.resolve("bindings/mdms-v1.binding.yaml"),
                        "UNUSED", Optional.empty(), Optional.empty(),
                        org.testbench.sequences.config.BenchConfiguration.Latency.RF))
                .secrets(variable -> Optional.of("token-of-a-gone-mdms")).gateway()) {
            RunResult result = engine.start(s, Map.of(), positions(1), new Instruments(Optional.of(bench),
                    Optional.of(keys), Optional.of(gone), (p, k, m) -> "yes", SessionOptions.defaults()), listener)
                    .await(Duration.ofSeconds(60));

            assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(result.positions().get(0).message()).contains("the MDMS could not be reached")
                    .contains("127.0.0.1:1");
            assertThat(result.positions().get(0).findings()).isEmpty();
        }
        assertThat(bench.isSourceOn()).as("cleanup switched the source off").isFalse();
    }

    @Test
    void refusesAnOverrideOfAParameterTheSequenceDoesNotHave() throws Exception {
        Sequence s = sequence(LOAD_SWITCH_BY_METER);
        assertThatThrownBy(() -> engine.start(s, Map.of("nominl", "2 A"), positions(1),
                instruments((p, k, m) -> "yes"), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter 'nominl'").hasMessageContaining("nominal");
    }
}
