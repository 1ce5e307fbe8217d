package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingCheck;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.ApiMediaType;
import org.testbench.mdms.catalog.ApiOperation;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.internal.ResponseSchemas;

/**
 * A binding in format 2 against a vendor-style API served over real HTTP: devices by their own ids (chained
 * through meter.get), a nested request body checked by the JSON Schema validator against the spec's request
 * schema, ON/OFF mapped to the bench's words, jobs answered 202 + Location that end SUCCEEDED, kWh readings.
 */
class Format2ClientTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BearerToken TOKEN = BearerToken.of("gridcore-test-token-3f9a");

    private final ApiCatalog catalog;
    private final Binding binding;
    private MockWebServer server;
    private MdmsClient client;
    private final GridCore gridCore = new GridCore();

    Format2ClientTests() throws Exception {
        Path dir = Path.of(Format2ClientTests.class.getResource("/vendor/gridcore.binding.yaml").toURI()).getParent();
        binding = Binding.load(dir.resolve("gridcore.binding.yaml"));
        catalog = SpecImporter.defaults().importFile(binding.spec().orElseThrow());
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(gridCore);
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog).binding(binding)
                .options(ClientOptions.newBuilder().authentication(TOKEN).callTimeout(Duration.ofSeconds(10)).build())
                .build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    @Test
    void theVendorBindingFitsItsSpec() {
        BindingCheck check = binding.validate(catalog);
        assertThat(check.errors()).isEmpty();
    }

    @Test
    void aNestedBodyIsSentAsTheSchemaWantsAndTheJobIsFollowedToItsEnd() throws Exception {
        CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, Map.of("serial", "26000001"),
                LatencyProfile.rf().withPollInterval(Duration.ofMillis(20))).get();

        assertThat(result.ending()).isEqualTo(CommandEnding.EXECUTED);
        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.commandId()).isEqualTo("job-1");
        JsonNode sent = gridCore.bodies.get(0);
        assertThat(sent.at("/operation/type").asText()).isEqualTo("DISCONNECT");
        assertThat(sent.at("/operation/options/force").isBoolean()).isTrue();
        assertThat(sent.at("/tags/1").asText()).isEqualTo("ELS-0026000001");
        assertThat(gridCore.requestViolations).isEmpty();
        assertThat(gridCore.paths).contains("/devices?serialNumber=ELS-0026000001", "/devices/4711/relay-operations",
                "/jobs/job-1");
    }

    @Test
    void theDeviceIdIsLookedUpOncePerMeter() {
        client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "26000001"));
        client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "26000001"));
        client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "26000002"));

        assertThat(gridCore.paths.stream().filter(p -> p.startsWith("/devices?"))).containsExactly(
                "/devices?serialNumber=ELS-0026000001", "/devices?serialNumber=ELS-0026000002");
        assertThat(gridCore.paths).contains("/devices/4711/relay", "/devices/4712/relay");
    }

    @Test
    void theApiWordsAreMappedAndAnUnknownWordIsReportedNotGuessed() {
        gridCore.relay = "ON";
        MdmsResponse on = client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "26000001"));
        assertThat(on.text("state")).contains("CLOSED");

        gridCore.relay = "TRIPPED";
        MdmsResponse unknown = client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "26000001"));
        assertThat(unknown.value("state")).isEmpty();
        assertThat(unknown.findings(FindingKind.UNMAPPED_VALUE)).singleElement().satisfies(f ->
                assertThat(f.message()).contains("'TRIPPED'").contains("ON, OFF, ARMED"));
    }

    @Test
    void aReadingInKwhCarriesTheUnitTheBindingGivesAndTheObisInTheApisForm() {
        MdmsResponse read = client.call(Capability.REGISTERS_READ, Map.of("serial", "26000001", "obis", "1-0:1.8.0*255"));
        assertThat(read.isOk()).isTrue();
        assertThat(read.value("value").orElseThrow().decimalValue()).isEqualByComparingTo("12.345");
        assertThat(read.text("unit")).contains("kWh");
        assertThat(gridCore.paths).contains("/devices/4711/readings?obisCode=1.0.1.8.0.255");
    }

    @Test
    void aMeterTheMdmsDoesNotKnowStopsTheCallThatNeededItsDeviceId() {
        MdmsResponse response = client.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", "99999999"));
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.REJECTED);
        assertThat(response.message()).contains("needs ${deviceId} from meter.get").contains("not sent");
        assertThat(response.notFound()).as("the search's 'no such meter' carries over").isTrue();
        assertThat(gridCore.paths).noneMatch(p -> p.contains("/relay"));
    }

    @Test
    void aSearchWithNoItemIsNoSuchMeterAsTheBindingSaysNotARecord() {
        MdmsResponse unknown = client.call(Capability.METER_GET, Map.of("serial", "99999999"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.outcome()).isEqualTo(MdmsOutcome.REJECTED);
        assertThat(unknown.notFound()).isTrue();
        assertThat(unknown.message()).isEqualTo("searchDevices answered 200, which the binding reads as 'not found'");
        assertThat(unknown.findings()).isEmpty();

        MdmsResponse known = client.call(Capability.METER_GET, Map.of("serial", "26000001"));
        assertThat(known.outcome()).isEqualTo(MdmsOutcome.OK);
        assertThat(known.notFound()).isFalse();
        assertThat(known.text("deviceId")).contains("4711");
    }

    @Test
    void withoutTheRuleTheSameSearchIsAnEmptyRecord() {
        Binding without = binding.with(binding.entry(Capability.METER_GET).orElseThrow().withNotFound(List.of()));
        try (MdmsClient plain = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog)
                .binding(without).options(ClientOptions.newBuilder()
                        .authentication(TOKEN).callTimeout(Duration.ofSeconds(10)).build()).build()) {
            MdmsResponse unknown = plain.call(Capability.METER_GET, Map.of("serial", "99999999"));
            assertThat(unknown.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(unknown.notFound()).isFalse();
        }
    }

    @Test
    void refusedCredentialsAreTheBenchsProblemNamingTheScheme() {
        gridCore.refuse = true;
        MdmsResponse response = client.call(Capability.METER_GET, Map.of("serial", "26000001"));
        assertThat(response.outcome()).isEqualTo(MdmsOutcome.CREDENTIALS_REFUSED);
        assertThat(response.message()).contains("bearer token (sha256:" + TOKEN.fingerprint() + ")")
                .contains("bearerAuth").contains("token expired").doesNotContain(TOKEN.value());
    }

    /** The vendor API: a few devices, a relay, jobs that run twice then succeed; every request body checked. */
    private final class GridCore extends Dispatcher {
        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        final List<String> requestViolations = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> jobPolls = new ConcurrentHashMap<>();
        final ResponseSchemas validator = new ResponseSchemas();
        volatile String relay = "ON";
        volatile boolean refuse;
        int jobs;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            paths.add(path);
            if (refuse) {
                return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/problem+json")
                        .setBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                                + "\"detail\":\"token expired\"}");
            }
            if (path.startsWith("/devices?serialNumber=ELS-00260000")) {
                String serial = path.substring(path.indexOf('=') + 1);
                long id = 4711 + Long.parseLong(serial.substring(serial.length() - 1)) - 1;
                return json(200, "{\"items\":[{\"id\":" + id + ",\"serialNumber\":\"" + serial + "\"}]}");
            }
            if (path.startsWith("/devices?")) {
                return json(200, "{\"items\":[]}");
            }
            if (path.matches("/devices/\\d+/relay-operations")) {
                try {
                    JsonNode body = JSON.readTree(request.getBody().readUtf8());
                    bodies.add(body);
                    ApiOperation op = catalog.operation("createRelayOperation").orElseThrow();
                    ApiSchema schema = op.requestBody().flatMap(b -> b.json()).flatMap(ApiMediaType::schema).orElseThrow();
                    requestViolations.addAll(validator.validate("request", schema, body, 10));
                } catch (IOException e) {
                    requestViolations.add("not JSON: " + e.getMessage());
                }
                synchronized (this) {
                    jobs++;
                    return new MockResponse().setResponseCode(202).setHeader("Location", "/jobs/job-" + jobs);
                }
            }
            if (path.matches("/devices/\\d+/relay")) {
                return json(200, "{\"relay\":{\"state\":\"" + relay + "\",\"observedAt\":\"2024-03-01T10:00:00Z\"}}");
            }
            if (path.matches("/devices/\\d+/readings\\?.*")) {
                return json(200, "{\"readings\":[{\"value\":12.345,\"timestamp\":\"2024-03-01T10:00:00Z\"}]}");
            }
            if (path.startsWith("/jobs/")) {
                int polls = jobPolls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                return json(200, "{\"job\":{\"state\":\"" + (polls < 3 ? "RUNNING" : "SUCCEEDED") + "\"}}");
            }
            return new MockResponse().setResponseCode(404);
        }

        private MockResponse json(int status, String body) {
            return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
        }
    }
}
