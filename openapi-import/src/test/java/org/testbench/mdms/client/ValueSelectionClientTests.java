package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * Values picked by the call's input from answers that hold many registers or meters, over real HTTP: a list of
 * readings each naming its register, a map keyed by register, a list of meters searched by serial. The register
 * the bench asked for is chosen, OBIS codes compare by code in the forms the binding allows, and no match or
 * more than one is reported, never guessed.
 */
class ValueSelectionClientTests {

    private static final String SERIAL = "26000001";
    private static final String READINGS = "binding: 2\ninputs:\n  obis: {obis: \"%s\"}\ncapabilities:\n"
            + "  registers.read:\n    operation: listReadings\n    parameters: {serial: '${serial}'}\n    values:\n"
            + "      value: {pointer: /readings, where: {/obis: '${obis}'}, item: /value}\n"
            + "      unit: {pointer: /readings, where: {/obis: '${obis}'}, item: /unit}\n";

    private final ApiCatalog catalog;
    /** The body each path answers. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private MockWebServer server;
    private MdmsClient client;

    ValueSelectionClientTests() throws Exception {
        Path spec = Path.of(ValueSelectionClientTests.class.getResource("/vendor/headend-readings.yaml").toURI());
        catalog = SpecImporter.defaults().importFile(spec);
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = answers.get(request.getRequestUrl().encodedPath());
                return body == null ? new MockResponse().setResponseCode(404)
                        : new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        server.shutdown();
    }

    private MdmsResponse read(String binding, String obis) throws Exception {
        Binding b = Binding.parse(binding, "headend.binding.yaml");
        assertThat(b.validate(catalog).errors()).isEmpty();
        if (client != null) {
            client.close();
        }
        client = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog).binding(b)
                .options(ClientOptions.newBuilder().callTimeout(Duration.ofSeconds(10)).build()).build();
        return client.call(Capability.REGISTERS_READ, Map.of("serial", SERIAL, "obis", obis));
    }

    private void readings(String... obisValueUnit) {
        StringBuilder b = new StringBuilder("{\"meter\":\"" + SERIAL + "\",\"readings\":[");
        for (int i = 0; i < obisValueUnit.length; i += 3) {
            b.append(i == 0 ? "" : ",").append("{\"obis\":\"").append(obisValueUnit[i]).append("\",\"value\":")
                    .append(obisValueUnit[i + 1]).append(",\"unit\":\"").append(obisValueUnit[i + 2]).append("\"}");
        }
        answers.put("/meters/" + SERIAL + "/readings", b.append("]}").toString());
    }

    @Test
    void theRegisterAskedForIsChosenFromTheList() throws Exception {
        readings("1-0:1.8.0", "1234.5", "kWh", "1-0:2.8.0", "12.25", "kWh", "0-0:96.1.0", "0", "");
        MdmsResponse export = read(READINGS.formatted("A-B:C.D.E"), "1-0:2.8.0*255");
        assertThat(export.outcome()).isEqualTo(MdmsOutcome.OK);
        assertThat(export.findings()).isEmpty();
        assertThat(export.value("value").orElseThrow().decimalValue()).isEqualByComparingTo("12.25");
        assertThat(export.text("unit")).contains("kWh");

        MdmsResponse imported = read(READINGS.formatted("A-B:C.D.E"), "1.0.1.8.0.255");
        assertThat(imported.value("value").orElseThrow().decimalValue()).isEqualByComparingTo("1234.5");
    }

    @Test
    void codesAreComparedByCodeInTheFormsTheBindingAllows() throws Exception {
        // The API writes its codes in another form than the binding sends them: the same register all the same.
        readings("1.0.1.8.0.255", "1234.5", "kWh", "1-0:2.8.0*255", "12.25", "kWh");
        assertThat(read(READINGS.formatted("A-B:C.D.E"), "1-0:1.8.0").value("value").orElseThrow().decimalValue())
                .isEqualByComparingTo("1234.5");
        assertThat(read(READINGS.formatted("hex"), "1-0:2.8.0").value("value").orElseThrow().decimalValue())
                .isEqualByComparingTo("12.25");

        // 1.8.0 alone names a register only where the binding says the API writes C.D.E.
        readings("1.8.0", "1234.5", "kWh", "2.8.0", "12.25", "kWh");
        MdmsResponse full = read(READINGS.formatted("A-B:C.D.E"), "1-0:1.8.0");
        assertThat(full.value("value")).isEmpty();
        assertThat(full.findings(FindingKind.MISSING_VALUE)).isNotEmpty();
        assertThat(read(READINGS.formatted("C.D.E"), "1-0:2.8.0*255").value("value").orElseThrow().decimalValue())
                .isEqualByComparingTo("12.25");
    }

    @Test
    void noMatchingElementLeavesTheValueMissingAndSaysWhatWasLookedFor() throws Exception {
        readings("1-0:1.8.0", "1234.5", "kWh", "1-0:2.8.0", "12.25", "kWh");
        MdmsResponse r = read(READINGS.formatted("A-B:C.D.E"), "1-0:3.8.0");
        assertThat(r.outcome()).isEqualTo(MdmsOutcome.OK);
        assertThat(r.value("value")).isEmpty();
        assertThat(r.value("unit")).isEmpty();
        assertThat(r.findings(FindingKind.MISSING_VALUE)).extracting(ResponseFinding::message).containsExactly(
                "value 'value': no element of /readings has /obis = 1-0:3.8.0 (it has /obis = 1-0:1.8.0, 1-0:2.8.0)",
                "value 'unit': no element of /readings has /obis = 1-0:3.8.0 (it has /obis = 1-0:1.8.0, 1-0:2.8.0)");
    }

    @Test
    void moreThanOneMatchingElementIsAmbiguousNeverTheFirst() throws Exception {
        readings("1-0:1.8.0", "1234.5", "kWh", "1-0:2.8.0", "12.25", "kWh", "1.0.1.8.0.255", "1.2345", "MWh");
        MdmsResponse r = read(READINGS.formatted("A-B:C.D.E"), "1-0:1.8.0");
        assertThat(r.value("value")).isEmpty();
        assertThat(r.findings(FindingKind.AMBIGUOUS_VALUE)).extracting(ResponseFinding::message).contains(
                "value 'value': 2 elements of /readings have /obis = 1-0:1.8.0 (elements 0, 2)");
        assertThat(r.has(FindingKind.MISSING_VALUE)).isFalse();
    }

    @Test
    void aMapKeyedByRegisterIsReadAtThePointerTheInputNames() throws Exception {
        answers.put("/meters/" + SERIAL + "/registers", "{\"meter\":\"26000001\",\"registers\":{"
                + "\"1.0.1.8.0.255\":{\"value\":1234.5,\"unit\":\"kWh\"},\"1.0.2.8.0.255\":{\"value\":12.25,\"unit\":\"kWh\"}}}");
        String binding = "binding: 2\ninputs:\n  obis: {obis: A.B.C.D.E.F}\ncapabilities:\n  registers.read:\n"
                + "    operation: registerMap\n    parameters: {serial: '${serial}'}\n    values:\n"
                + "      value: /registers/${obis}/value\n      unit: {pointer: '/registers/${obis}/unit'}\n";
        MdmsResponse r = read(binding, "1-0:2.8.0*255");
        assertThat(r.findings()).isEmpty();
        assertThat(r.value("value").orElseThrow().decimalValue()).isEqualByComparingTo("12.25");

        MdmsResponse absent = read(binding, "1-0:3.8.0");
        assertThat(absent.value("value")).isEmpty();
        assertThat(absent.findings(FindingKind.MISSING_VALUE)).extracting(ResponseFinding::message)
                .contains("value 'value' (nothing at /registers/1.0.3.8.0.255/value) is not in the answer");
    }

    @Test
    void theMeterIsFoundInASearchByItsSerialInTheApisForm() throws Exception {
        answers.put("/meters", "{\"meters\":[{\"serialNumber\":\"ELS-0026000002\",\"id\":\"m-2\",\"firmware\":\"1.1\"},"
                + "{\"serialNumber\":\"ELS-0026000001\",\"id\":\"m-1\",\"firmware\":\"2.0\"}]}");
        Binding b = Binding.parse("binding: 2\ninputs:\n  serial: {prefix: ELS-, pad: 10}\ncapabilities:\n"
                + "  meter.get:\n    operation: searchMeters\n    values:\n"
                + "      serial: {pointer: /meters, where: {/serialNumber: '${serial}'}, item: /serialNumber}\n"
                + "      deviceId: {pointer: /meters, where: {/serialNumber: '${serial}'}, item: /id}\n"
                + "      firmware: {pointer: /meters, where: {/serialNumber: '${serial}'}, item: /firmware}\n", "m");
        assertThat(b.validate(catalog).errors()).isEmpty();
        client = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog).binding(b)
                .options(ClientOptions.newBuilder().callTimeout(Duration.ofSeconds(10)).build()).build();
        MdmsResponse meter = client.call(Capability.METER_GET, Map.of("serial", SERIAL));
        assertThat(meter.findings()).isEmpty();
        assertThat(meter.text("deviceId")).contains("m-1");
        assertThat(meter.text("firmware")).contains("2.0");
    }
}
