package org.testbench.sequences.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.quantity.Quantity;
import org.testbench.drivers.quantity.Unit;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingProblem;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.CommandResult;
import org.testbench.mdms.client.FindingKind;
import org.testbench.mdms.client.LatencyProfile;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;

/**
 * The vendor bindings (samples/bindings/vendors) against public APIs this project did not write: each binding is
 * loaded and validated against the vendor's own OpenAPI file, every capability it binds is called through the
 * bench's client against Stoplight Prism mocking that file (answers from the file's examples, static mode), and
 * every request the bench sent is judged by Prism against the file. The values read are the file's examples, so
 * each assertion says what the vendor's document says, read the way the binding says.
 */
class VendorBindingsTests {

    private static final Path VENDORS = Path.of("..", "samples", "bindings", "vendors");
    private static final String SERIAL = "26000001";

    /** One vendor's API mocked by Prism, behind a proxy that keeps what the bench sent. */
    private record Vendor(ApiCatalog catalog, Binding binding, PrismValidator prism, RecordingProxy proxy,
                          MdmsClient client) implements AutoCloseable {

        static Vendor start(String bindingFile) throws Exception {
            Binding binding = Binding.load(VENDORS.resolve(bindingFile));
            ApiCatalog catalog = SpecImporter.defaults().importFile(binding.spec().orElseThrow());
            List<String> errors = binding.validate(catalog).problems().stream().filter(BindingProblem::isError)
                    .map(BindingProblem::message).toList();
            assertThat(errors).as("%s against %s", bindingFile, catalog.title()).isEmpty();
            PrismValidator prism = PrismValidator.mock(binding.spec().get());
            RecordingProxy proxy = RecordingProxy.start(prism.root());
            MdmsClient client = MdmsClient.newBuilder().baseUrl(proxy.root() + "/").catalog(catalog).binding(binding)
                    .options(ClientOptions.defaults()).build();
            return new Vendor(catalog, binding, prism, proxy, client);
        }

        MdmsResponse call(Capability capability, Map<String, ?> inputs) {
            MdmsResponse r = client.call(capability, inputs);
            assertThat(r.status()).as("%s: %s", capability, r.message()).isBetween(200, 299);
            return r;
        }

        /** Every request the bench sent, replayed to Prism: the lines of those it refused. */
        List<String> refusedByPrism() throws Exception {
            assertThat(proxy.recorded()).isNotEmpty();
            return prism.violations(proxy.recorded(), "");
        }

        @Override
        public void close() {
            client.close();
            proxy.close();
            prism.close();
        }
    }

    /** The register read as the bench's quantity: the number (EdgeX writes it as text) in the unit read. */
    private static Quantity quantity(MdmsResponse r) {
        JsonNode value = r.value("value").orElseThrow();
        BigDecimal number = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        return Quantity.of(number.doubleValue(), Unit.ofSymbol(r.text("unit").orElseThrow()));
    }

    private static List<String> requests(Vendor vendor) {
        return vendor.proxy.recorded().stream().map(r -> r.method() + " " + r.path()
                + (r.query() == null ? "" : "?" + r.query())).toList();
    }

    @Test
    void edgexCoreCommandSwitchesAndReadsDeviceResources() throws Exception {
        try (Vendor edgex = Vendor.start("edgex-core-command.binding.yaml")) {
            MdmsResponse meter = edgex.call(Capability.METER_GET, Map.of("serial", SERIAL));
            assertThat(meter.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(meter.text("serial")).contains("testDevice"); // DeviceCoreCommandExample
            assertThat(meter.value("commands").orElseThrow().size()).isEqualTo(2);

            // Synchronous: the device service has written the resource when EdgeX answers.
            CommandResult open = edgex.client.execute(Capability.LOAD_SWITCH_OPEN, Map.of("serial", SERIAL),
                    LatencyProfile.plc()).get();
            CommandResult close = edgex.client.execute(Capability.LOAD_SWITCH_CLOSE, Map.of("serial", SERIAL),
                    LatencyProfile.plc()).get();
            assertThat(open.executed()).as(open.toString()).isTrue();
            assertThat(close.executed()).as(close.toString()).isTrue();
            assertThat(edgex.proxy.recorded().stream().filter(r -> r.method().equals("PUT"))
                    .map(r -> new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)))
                    .containsExactly("{\"Relay\":\"false\"}", "{\"Relay\":\"true\"}");

            // The spec has no example for a reading: Prism answers its schema's placeholder, a word the relay map
            // does not have. The bench says so and does not guess a state.
            MdmsResponse state = edgex.call(Capability.LOAD_SWITCH_STATUS, Map.of("serial", SERIAL));
            assertThat(state.value("state")).isEmpty();
            assertThat(state.findings(FindingKind.UNMAPPED_VALUE)).singleElement().asString().contains("'string'");

            MdmsResponse read = edgex.call(Capability.REGISTERS_READ, Map.of("serial", SERIAL, "obis", "1-0:1.8.0*255"));
            assertThat(read.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(read.text("unit")).contains("kWh");
            assertThat(read.text("value")).contains("string"); // no example: not a number, so no quantity
            assertThat(requests(edgex)).contains("GET /device/name/26000001/1.0.1.8.0.255");

            assertThat(edgex.refusedByPrism()).isEmpty();
        }
    }

    @Test
    void piWebApiReadsAStreamValueWithItsUnitThroughTheElementsWebId() throws Exception {
        try (Vendor pi = Vendor.start("osisoft-pi-web-api.binding.yaml")) {
            MdmsResponse meter = pi.call(Capability.METER_GET, Map.of("serial", SERIAL));
            assertThat(meter.outcome()).isEqualTo(MdmsOutcome.OK);
            String webId = meter.text("webId").orElseThrow();

            MdmsResponse read = pi.call(Capability.REGISTERS_READ, Map.of("serial", SERIAL, "obis", "1-0:1.8.0*255"));
            assertThat(read.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(read.value("value").orElseThrow().decimalValue()).isEqualByComparingTo("12.3");
            // The spec's example unit is metres: the bench reads it as the MDMS gave it and will not take it for
            // energy (a sequence comparing it with the meter's kWh gets no quantity, not a wrong one).
            assertThat(read.text("unit")).contains("m");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> quantity(read))
                    .hasMessageContaining("unknown unit 'm'");
            // The example breaks the spec's own schema (Value is "type: object"): reported, not hidden.
            assertThat(read.findings(FindingKind.SCHEMA_VIOLATION)).singleElement().asString()
                    .contains("/Items/0/Value/Value");

            MdmsResponse events = pi.call(Capability.EVENTS_LIST, Map.of("serial", SERIAL));
            assertThat(events.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(events.value("events").orElseThrow().isArray()).isTrue();

            // The element's WebId, PI's own id, was looked up once and used by both calls.
            assertThat(requests(pi)).filteredOn(r -> r.startsWith("GET /elements?")).hasSize(2); // meter.get + chain
            assertThat(requests(pi)).contains("GET /streamsets/" + webId + "/value?nameFilter=1-0%3A1.8.0",
                    "GET /elements/" + webId + "/eventframes");
            assertThat(pi.refusedByPrism()).isEmpty();
        }
    }

    @Test
    void correntlyReadsTheMeterReadingInWattHours() throws Exception {
        try (Vendor corrently = Vendor.start("corrently.binding.yaml")) {
            MdmsResponse meter = corrently.call(Capability.METER_GET, Map.of("serial", SERIAL));
            assertThat(meter.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(meter.value("serial")).isPresent();

            MdmsResponse read = corrently.call(Capability.REGISTERS_READ,
                    Map.of("serial", SERIAL, "obis", "1-0:1.8.0*255"));
            assertThat(read.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(read.findings()).isEmpty();
            Quantity energy = quantity(read); // the schema's integer, in Wh as the binding says
            assertThat(energy.unit()).isEqualTo(Unit.WATT_HOUR);
            assertThat(energy.isCompatibleWith(Unit.KILOWATT_HOUR)).isTrue();
            assertThat(energy.value()).isEqualTo(read.value("value").orElseThrow().doubleValue());
            assertThat(requests(corrently)).containsOnly("GET /metering/reading?account=26000001");
            assertThat(corrently.refusedByPrism()).isEmpty();
        }
    }

    @Test
    void correntlyReadsTheRegisterAskedForByItsKeyAndNoOther() throws Exception {
        try (Vendor corrently = Vendor.start("corrently.binding.yaml")) {
            // The answer is keyed by C.D.E: the register asked for, in any form the bench writes it, is its key.
            MdmsResponse grey = corrently.call(Capability.REGISTERS_READ,
                    Map.of("serial", SERIAL, "obis", "1.0.1.8.2.255"));
            assertThat(grey.findings()).isEmpty();
            assertThat(grey.value("value")).isPresent().contains(grey.body().at("/1.8.2"));

            // Feed-in (2.8.0) is not in Corrently's answer: missing and reported, never 1.8.0 read in its place.
            MdmsResponse feedIn = corrently.call(Capability.REGISTERS_READ,
                    Map.of("serial", SERIAL, "obis", "1-0:2.8.0*255"));
            assertThat(feedIn.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(feedIn.value("value")).isEmpty();
            assertThat(feedIn.findings(FindingKind.MISSING_VALUE)).extracting(f -> f.message())
                    .containsExactly("value 'value' (nothing at /2.8.0) is not in the answer");
            assertThat(corrently.refusedByPrism()).isEmpty();
        }
    }
}
