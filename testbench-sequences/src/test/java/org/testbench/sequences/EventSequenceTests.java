package org.testbench.sequences;

import org.testbench.sequences.mdms.MdmsConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.bench.Bench;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.MqttVersion;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.events.MosquittoBroker;
import org.testbench.lab.mdms.MdmsFault;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.mdms.ClientMdmsGateway;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * The event sequences against a lab whose event path runs through a real Mosquitto (TLS, password file,
 * ACL), the bench listening with MQTT 5 while the lab's gateway and MDMS speak 3.1.1; the verdict matrix
 * covers the embedded broker. Also what happens without a broker, and when the broker is gone.
 */
class EventSequenceTests {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final char[] PASSWORD = "event-sequences".toCharArray();
    private static final char[] BROKER_PASSWORD = "broker-pw-7f3e".toCharArray();
    private static final String TOKEN = "event-sequence-token-0123456789";
    private static final double TIME_SCALE = 0.05;

    record Outcome(Verdict verdict, Set<FindingType> findings, List<String> lines) {
    }

    private static Outcome run(VirtualLab lab, Sequence sequence, Optional<EventWatch> watch) throws Exception {
        try (Bench bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
             ClientMdmsGateway mdms = gateway(lab)) {
            MeterKeyStore keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
            Instruments instruments = new Instruments(Optional.of(bench), Optional.of(keys), Optional.of(mdms),
                    (position, kind, message) -> "yes", SessionOptions.defaults(), watch);
            List<String> lines = new CopyOnWriteArrayList<>();
            RunListener listener = new RunListener() {
                @Override
                public void stepFinished(int position, Step step, Verdict verdict, String message, java.time.Instant at) {
                    lines.add(position + " " + step.displayName() + ": " + verdict + (message == null ? "" : " " + message));
                }

                @Override
                public void finding(int position, Step step, Finding finding) {
                    lines.add(position + "   " + finding.type() + ": " + finding.message());
                }
            };
            RunResult result = new SequenceEngine().start(sequence, Map.of(), LabPositions.of(lab), instruments, listener)
                    .await(Duration.ofMinutes(2));
            Set<FindingType> types = EnumSet.noneOf(FindingType.class);
            result.positions().forEach(p -> p.findings().forEach(f -> types.add(f.type())));
            for (VirtualMeter m : lab.meters()) {
                assertThat(m.supplyOn()).as("the cleanup restored the supply of meter %d", m.position()).isTrue();
            }
            return new Outcome(result.verdict(), types, lines);
        }
    }

    private static ClientMdmsGateway gateway(VirtualLab lab) throws Exception {
        BenchConfiguration.MdmsConfig config = new BenchConfiguration.MdmsConfig(URI.create(lab.mdms().url()),
                SAMPLES.resolve("openapi/mdms-v1.yaml"), SAMPLES.resolve("bindings/mdms-v1.binding.yaml"),
                "TESTBENCH_MDMS_TOKEN", Optional.empty(), Optional.empty(), BenchConfiguration.Latency.RF);
        LatencyProfile rf = LatencyProfile.rf();
        return MdmsConnection.to(config).secrets(variable -> Optional.of(TOKEN))
                .latency(rf.withPollInterval(Duration.ofMillis((long) (rf.pollInterval().toMillis() * TIME_SCALE))))
                .gateway();
    }

    private static LabConfig.Builder config(Path dir, Set<MdmsFault> faults) {
        return LabConfig.builder().meters(2).workDir(dir).keystorePassword(PASSWORD.clone()).opticalPty(false)
                .benchPty(false).mdmsFaults(faults).mdmsTimeScale(TIME_SCALE).mdmsToken(TOKEN);
    }

    private static Sequence sample(String name) throws Exception {
        return SequenceParser.parse(SAMPLES.resolve("sequences").resolve(name + ".yaml"));
    }

    @Test
    void throughMosquittoTheSequencesPassOnTheCorrectMdmsAndCatchTheUncheckedSignatures(@TempDir Path dir)
            throws Exception {
        assumeThat(MosquittoBroker.installed()).as("mosquitto is installed by scripts/install-deps.sh").isTrue();
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"), "lab", BROKER_PASSWORD)) {
            BrokerOptions bench = BrokerOptions.builder(mosquitto.url()).version(MqttVersion.V5)
                    .caFile(mosquitto.caFile()).user("lab").password(BROKER_PASSWORD).build();
            try (VirtualLab lab = VirtualLab.start(config(dir.resolve("good"), Set.of())
                    .broker(mosquitto.endpoint(BROKER_PASSWORD)).build());
                 EventWatch watch = EventWatch.open(bench)) {
                assertThat(lab.embeddedBroker()).isFalse();
                for (String name : List.of("event-last-gasp", "event-tamper")) {
                    Outcome o = run(lab, sample(name), Optional.of(watch));
                    // PASS, but for a LATENCY a loaded machine may cause: the 500 ms window is wall-clock time.
                    assertThat(o.verdict()).as("%s through Mosquitto:%n%s", name, String.join("\n", o.lines()))
                            .isIn(Verdict.PASS, Verdict.FAIL);
                    assertThat(o.findings()).as("%s through Mosquitto:%n%s", name, String.join("\n", o.lines()))
                            .isSubsetOf(FindingType.LATENCY);
                }
            }
            try (VirtualLab lab = VirtualLab.start(config(dir.resolve("unchecked"),
                    EnumSet.of(MdmsFault.UNCHECKED_SIGNATURES)).broker(mosquitto.endpoint(BROKER_PASSWORD)).build());
                 EventWatch watch = EventWatch.open(bench.withVersion(MqttVersion.V3_1_1))) {
                Outcome o = run(lab, sample("event-tamper"), Optional.of(watch));
                assertThat(o.verdict()).as(String.join("\n", o.lines())).isEqualTo(Verdict.FAIL);
                assertThat(o.findings()).containsExactly(FindingType.SIGNATURE_NOT_CHECKED);
            }
            assertThat(mosquitto.log()).contains("New client connected");
        }
    }

    @Test
    void withoutABrokerTheStepIsAnErrorThatSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        try (VirtualLab lab = VirtualLab.start(config(dir, Set.of()).events(true).build())) {
            Outcome o = run(lab, sample("event-tamper"), Optional.empty());
            assertThat(o.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(String.join("\n", o.lines())).contains("needs the event broker");
        }
    }

    @Test
    void aMeterThatPushesNothingIsMissingEverywhere(@TempDir Path dir) throws Exception {
        // The lab's event path is off: the meter logs the tamper, but no gateway pushes it.
        try (VirtualLab lab = VirtualLab.start(config(dir, Set.of()).build());
             org.testbench.lab.events.EmbeddedBroker broker = org.testbench.lab.events.EmbeddedBroker.start(0,
                     dir.resolve("broker"));
             EventWatch watch = EventWatch.open(BrokerOptions.builder(broker.url()).version(MqttVersion.V3_1_1)
                     .build())) {
            Outcome o = run(lab, sample("event-tamper"), Optional.of(watch));
            assertThat(o.verdict()).as(String.join("\n", o.lines())).isEqualTo(Verdict.FAIL);
            assertThat(o.findings()).containsExactly(FindingType.EVENT_MISSING);
            assertThat(String.join("\n", o.lines())).contains("on the broker").contains("the MDMS has no record");
        }
    }
}
