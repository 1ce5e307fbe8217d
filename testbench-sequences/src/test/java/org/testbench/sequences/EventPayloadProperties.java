package org.testbench.sequences;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.dlms.SessionOptions;
import org.testbench.drivers.keys.MeterKeyStore;
import org.testbench.drivers.mqtt.BrokerConnection;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.BrokerSubscription;
import org.testbench.drivers.mqtt.MqttVersion;
import org.testbench.drivers.mqtt.ReceivedMessage;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.fuzz.ByteMutations;
import org.testbench.fuzz.FuzzBudget;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.events.EmbeddedBroker;
import org.testbench.sequences.engine.EventWatch;
import org.testbench.sequences.engine.Instruments;
import org.testbench.sequences.engine.RunListener;
import org.testbench.sequences.engine.RunResult;
import org.testbench.sequences.engine.SequenceEngine;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.language.Step;
import org.testbench.sequences.outcome.Finding;
import org.testbench.sequences.outcome.FindingType;
import org.testbench.sequences.outcome.Verdict;

/**
 * Fuzzing the bench's reading of event notifications (MQTT payloads) with a hostile relay between two real
 * brokers: the lab's meter publishes its tamper event on the lab's broker; the relay takes it and publishes,
 * on the broker the bench listens to, a flood of garbage, damaged copies of the event (bit flips, cuts, repeats,
 * JSON tokens where they do not belong) and, mostly, the event itself last. Then {@code events.expect} judges.
 * Whatever arrives: the step ends in its timeout, as PASS or FAIL (never ERROR: the broker and the bench are
 * fine), with one-line messages free of control characters; a payload the bench accepted without a signature
 * finding is the meter's event, field for field (no silently wrong event); a copy that does not verify is
 * SIGNATURE_INVALID; when nothing readable arrives the event is missing. Seeded and bounded (tag {@code fuzz}).
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class EventPayloadProperties {

    private static final char[] PASSWORD = "event-payload-fuzz".toCharArray();
    private static final String TOPIC = "telemetry/alerts/tamper";
    /** Only a hang guard: far above a run that waits out its timeout. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKENS = ByteMutations.tokens("\"code\":", "\"code\":40", "\"code\":\"40\"",
            "\"code\":40.5", "\"code\":2147483648", "\"serial\":", "\"serial\":null", "\"ts\":\"2099-01-01T00:00:00Z\"",
            "\"ts\":\"yesterday\"", "\"sig\":\"\"", "\"sig\":\"!!!\"", "\"id\":\"\"", "\"type\":\"last-gasp\"",
            "\"obis\":\"\\u001b[2J\"", "\"x\":", "\\u0000", "\\u001b", "\\ud800", "1e400", "true", "{\"a\":",
            "[".repeat(3000));

    private static Path dir;
    private static VirtualLab lab;
    private static EmbeddedBroker benchBroker;
    private static BrokerConnection fromLab;
    private static BrokerSubscription labEvents;
    private static BrokerConnection toBench;
    private static EventWatch watch;
    private static ScpiBench bench;
    private static MeterKeyStore keys;
    private static ExecutorService relay;
    private static Sequence sequence;

    /** What the relay does with the meter's event: garbage first, then damaged copies, then (or not) the event. */
    record Delivery(int flood, List<Optional<ByteMutations>> copies, boolean eventLast) {
        @Override
        public String toString() {
            return "flood " + flood + ", copies " + copies.stream().map(c -> c.map(Object::toString).orElse("intact"))
                    .toList() + (eventLast ? ", then the event" : ", not the event");
        }
    }

    /** What the relay forwarded: the meter's own payload and, in order, every copy (not the flood). */
    record Forwarded(byte[] event, List<byte[]> copies) {
    }

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("event-payload-fuzz");
        lab = VirtualLab.start(LabConfig.builder().meters(1).workDir(dir.resolve("lab"))
                .keystorePassword(PASSWORD.clone()).opticalPty(false).benchPty(false).events(true).build());
        benchBroker = EmbeddedBroker.start(0, dir.resolve("bench-broker"));
        fromLab = BrokerConnection.open(BrokerOptions.builder(lab.broker().orElseThrow().url())
                .version(MqttVersion.V3_1_1).build());
        labEvents = fromLab.subscribe(TOPIC, 1);
        toBench = BrokerConnection.open(BrokerOptions.builder(benchBroker.url()).version(MqttVersion.V3_1_1).build());
        watch = EventWatch.open(BrokerOptions.builder(benchBroker.url()).version(MqttVersion.V3_1_1).build());
        bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(3));
        keys = MeterKeyStore.open(lab.keystore(), PASSWORD);
        relay = Executors.newSingleThreadExecutor();
        sequence = SequenceParser.parse("fuzz-event.yaml", """
                sequence: fuzz-event
                steps:
                  - bench.tamper: cover
                  - id: cover
                    events.expect: {type: tamper-cover, via: broker, within: 500 ms, timeout: 3 s, verify_signature: true}
                """.getBytes(StandardCharsets.UTF_8));
    }

    @AfterContainer
    static void stop() throws Exception {
        if (relay != null) {
            relay.shutdownNow();
        }
        for (AutoCloseable c : new AutoCloseable[] {watch, toBench, fromLab, bench, benchBroker, lab}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        Arbitrary<Optional<ByteMutations>> copy = Arbitraries.frequencyOf(
                Tuple.of(4, ByteMutations.arbitrary(TOKENS).map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
        return Combinators.combine(Arbitraries.of(0, 0, 0, 40, 1500), copy.list().ofMaxSize(3),
                Arbitraries.of(true, true, true, false)).as(Delivery::new);
    }

    @Property(tries = 40, seed = "20261207")
    void whateverTheBrokerDeliversTheStepJudgesTheMetersEventOrNothing(@ForAll("deliveries") Delivery delivery)
            throws Exception {
        String serial = lab.meters().get(0).serial();
        Instant start = Instant.now();
        Future<Forwarded> forwarding = relay.submit(() -> forward(serial, start, delivery));
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        RunResult result = new SequenceEngine().start(sequence, Map.of(), LabPositions.of(lab), new Instruments(
                Optional.of(bench), Optional.of(keys), Optional.empty(), (position, kind, message) -> "yes",
                SessionOptions.defaults(), Optional.of(watch)), listener(lines, accepted)).await(HANG_GUARD);
        Forwarded forwarded = forwarding.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        String story = delivery + "\n" + String.join("\n", lines);

        Statistics.label("outcome").collect(result.verdict(), findings(result));
        assertThat(result.verdict()).as(story).isIn(Verdict.PASS, Verdict.FAIL);
        assertThat(lines).as(story).allSatisfy(line -> assertThat(line).doesNotContain("unexpected")
                .doesNotContain("\n", "\r").matches(s -> s.chars().noneMatch(c -> c < 0x20 || c == 0x7F)));
        Set<FindingType> findings = findings(result);
        assertThat(findings).as(story).isSubsetOf(FindingType.LATENCY, FindingType.EVENT_MISSING,
                FindingType.SIGNATURE_INVALID);

        JsonNode event = JSON.readTree(forwarded.event());
        if (accepted.isEmpty()) {
            assertThat(findings).as(story).contains(FindingType.EVENT_MISSING);
            assertThat(forwarded.copies()).as("the meter's event arrived intact, yet it was missing: " + story)
                    .noneMatch(c -> Arrays.equals(c, forwarded.event()) && everyEarlierIsNotJson(forwarded, c));
        } else {
            JsonNode taken = JSON.readTree(accepted.get(0));
            boolean sameEvent = sameFields(taken, event) && taken.path("sig").equals(event.path("sig"));
            if (findings.contains(FindingType.SIGNATURE_INVALID)) {
                assertThat(sameEvent).as("the meter's own event was called forged: " + story).isFalse();
            } else {
                assertThat(sameFields(taken, event)).as("a changed event was accepted as the meter's: %s%n%s",
                        accepted.get(0), story).isTrue();
            }
        }
        if (delivery.eventLast() && forwarded.copies().stream().allMatch(c -> !isJson(c)
                || Arrays.equals(c, forwarded.event()))) {
            assertThat(findings).as("only garbage and the intact event arrived: " + story)
                    .isSubsetOf(FindingType.LATENCY);
        }
    }

    private static Forwarded forward(String serial, Instant start, Delivery delivery) throws Exception {
        ReceivedMessage original = labEvents.await(m -> !m.receivedAt().isBefore(start)
                && m.text().contains("\"" + serial + "\""), Duration.ofSeconds(20)).orElseThrow(() ->
                new AssertionError("the lab's meter published no tamper event"));
        byte[] event = original.payload();
        List<byte[]> flood = flood(event, serial);
        for (int i = 0; i < delivery.flood(); i++) {
            toBench.publish(TOPIC, flood.get(i % flood.size()), 0);
        }
        List<byte[]> copies = new ArrayList<>();
        for (Optional<ByteMutations> change : delivery.copies()) {
            byte[] copy = change.map(c -> c.apply(event)).orElse(event);
            toBench.publish(TOPIC, copy, 1);
            copies.add(copy);
        }
        if (delivery.eventLast()) {
            toBench.publish(TOPIC, event, 1);
            copies.add(event);
        }
        return new Forwarded(event, copies);
    }

    /** Messages no reader could take for this meter's event. */
    private static List<byte[]> flood(byte[] event, String serial) {
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);
        String text = new String(event, StandardCharsets.UTF_8);
        return List.of(random, "{}".getBytes(StandardCharsets.UTF_8), "[".repeat(5000).getBytes(StandardCharsets.UTF_8),
                text.replace(serial, "99" + serial).getBytes(StandardCharsets.UTF_8),
                ("{\"serial\":\"" + serial + "\",\"code\":1e999}").getBytes(StandardCharsets.UTF_8),
                ("{\"serial\":\"" + serial + "\",\"id\":\"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0x1B, '[', '2', 'J', 0x07, 0x00},
                new byte[0]);
    }

    private static RunListener listener(List<String> lines, List<String> accepted) {
        return new RunListener() {
            @Override
            public void stepFinished(int position, Step step, Verdict verdict, String message, Instant at) {
                lines.add(step.displayName() + ": " + verdict + (message == null ? "" : " " + message));
            }

            @Override
            public void finding(int position, Step step, Finding finding) {
                lines.add("  " + finding.type() + ": " + finding.message());
            }

            @Override
            public void evidence(int position, Step step, String kind, String content) {
                if (kind.equals("mqtt") && content.startsWith(TOPIC + " ")) {
                    accepted.add(content.substring(TOPIC.length() + 1));
                }
            }
        };
    }

    private static Set<FindingType> findings(RunResult result) {
        Set<FindingType> findings = EnumSet.noneOf(FindingType.class);
        result.positions().forEach(p -> p.findings().forEach(f -> findings.add(f.type())));
        return findings;
    }

    private static boolean sameFields(JsonNode a, JsonNode b) {
        return List.of("id", "serial", "obis", "code", "type", "ts").stream()
                .allMatch(f -> a.path(f).equals(b.path(f)));
    }

    private static boolean isJson(byte[] bytes) {
        try {
            JSON.readTree(bytes);
            return bytes.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean everyEarlierIsNotJson(Forwarded forwarded, byte[] copy) {
        for (byte[] c : forwarded.copies()) {
            if (c == copy) {
                return true;
            }
            if (isJson(c)) {
                return false;
            }
        }
        return true;
    }
}
