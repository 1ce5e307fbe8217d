package org.testbench.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.bench.ScpiBench;
import org.testbench.drivers.mqtt.BrokerConnection;
import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.BrokerSubscription;
import org.testbench.drivers.mqtt.MqttVersion;
import org.testbench.drivers.mqtt.ReceivedMessage;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;

/**
 * Last-gasp latency on the virtual lab's event path (docs/events.md): from the bench cutting the supply to
 * the message at the bench's broker client, and to the MDMS's record (its storedAt), for one position alone
 * and for every position losing its supply at once, as in a real outage (the burst). Median and p99 of each,
 * and the ratio of the burst's to the single position's. Figures, not assertions.
 * Run with {@code mvn -pl benchmarks -am test -Pbenchmarks}.
 */
@Tag("benchmark")
class EventLatencyBenchmark {

    private static final char[] PASSWORD = "benchmark".toCharArray();
    private static final String TOKEN = "benchmark-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SINGLE_ROUNDS = 30;
    private static final int BURST_ROUNDS = 3;

    @Test
    void lastGaspLatencyForOnePositionAndForABurst() throws Exception {
        List<String> rows = new ArrayList<>();
        Stats singleBroker = null;
        Stats singleMdms = null;
        for (int positions : new int[] {1, 20, 100}) {
            List<Long> broker = new ArrayList<>();
            List<Long> mdms = new ArrayList<>();
            measure(positions, positions == 1 ? SINGLE_ROUNDS : BURST_ROUNDS, broker, mdms);
            Stats b = Stats.of(broker);
            Stats m = Stats.of(mdms);
            if (positions == 1) {
                singleBroker = b;
                singleMdms = m;
            }
            rows.add(String.format(Locale.ROOT, "%9d %7d %12.0f %9.0f %12.0f %9.0f %14.2f %12.2f", positions,
                    broker.size(), b.median, b.p99, m.median, m.p99, m.median / singleMdms.median,
                    m.p99 / singleMdms.p99));
        }
        System.out.printf("%nLast gasp latency, supply cut -> bench's broker client / MDMS record, in ms"
                + " (embedded broker, QoS 1; baseline: 1 position, %d rounds)%n", SINGLE_ROUNDS);
        System.out.printf("%9s %7s %12s %9s %12s %9s %14s %12s%n", "positions", "events", "broker p50", "p99",
                "MDMS p50", "p99", "MDMS p50 ratio", "p99 ratio");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "(broker p50 for 1 position: %.0f ms)%n", singleBroker.median);
    }

    /** Every position loses its supply at once (one SCPI command after the other), then all get it back. */
    private static void measure(int positions, int rounds, List<Long> broker, List<Long> mdms) throws Exception {
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(positions).keystorePassword(PASSWORD.clone())
                .opticalPty(false).benchPty(false).mdmsToken(TOKEN).events(true).build());
             ScpiBench bench = ScpiBench.connect(PortAddress.parse(lab.bench().scpiEndpoint()), Duration.ofSeconds(5));
             BrokerConnection connection = BrokerConnection.open(BrokerOptions.builder(lab.broker().orElseThrow().url())
                     .version(MqttVersion.V3_1_1).build())) {
            BrokerSubscription outages = connection.subscribe("telemetry/alerts/outage", 1);
            HttpClient http = HttpClient.newHttpClient();
            Set<String> counted = new HashSet<>();
            for (int round = 0; round < rounds; round++) {
                int before = outages.messages().size();
                Instant cut = Instant.now();
                for (VirtualMeter m : lab.meters()) {
                    bench.setSupply(m.position(), false);
                }
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (outages.messages().size() < before + positions && System.nanoTime() < end) {
                    Thread.sleep(5);
                }
                List<ReceivedMessage> got = outages.messages().subList(before, outages.messages().size());
                got.forEach(r -> broker.add(Duration.between(cut, r.receivedAt()).toMillis()));
                for (VirtualMeter m : lab.meters()) {
                    for (JsonNode n : notifications(http, lab, m.serial())) {
                        if (n.path("type").asText().equals("last-gasp") && counted.add(n.path("eventId").asText())) {
                            mdms.add(Duration.between(cut, Instant.parse(n.path("storedAt").asText())).toMillis());
                        }
                    }
                }
                for (VirtualMeter m : lab.meters()) {
                    bench.setSupply(m.position(), true);
                }
                Thread.sleep(100);
            }
        }
    }

    private static JsonNode notifications(HttpClient http, VirtualLab lab, String serial) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode list;
        do {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(lab.mdms().url() + "/meters/" + serial
                    + "/notifications")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            list = JSON.readTree(r.body()).path("notifications");
        } while (list.size() == 0 && System.nanoTime() < end);
        return list;
    }

    private record Stats(double median, double p99) {
        static Stats of(List<Long> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN);
            }
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return new Stats(percentile(sorted, 0.5), percentile(sorted, 0.99));
        }

        private static double percentile(List<Long> sorted, double q) {
            int index = (int) Math.ceil(q * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}
