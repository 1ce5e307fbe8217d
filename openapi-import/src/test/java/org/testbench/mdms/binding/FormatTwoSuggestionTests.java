package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Specs;

/**
 * The suggester writes binding format 2 where format 1 cannot say what the API needs: on a spec written
 * after vendors' shapes ({@code specs/vendor-shapes.yaml}), each construct in turn, then the whole file
 * validated and read back.
 */
class FormatTwoSuggestionTests {

    private static ApiCatalog catalog;
    private static SuggestedBinding suggested;

    @BeforeAll
    static void suggest() {
        catalog = Specs.load("vendor-shapes.yaml");
        suggested = Binding.suggest(catalog);
    }

    private static BindingEntry entry(Capability capability) {
        return suggested.binding().entry(capability).orElseThrow(() -> new AssertionError(capability
                + " not bound: " + suggested.unbound().get(capability)));
    }

    @Test
    void findsTheMeterBySearchingForItsSerialAndKeepsTheApisOwnId() {
        BindingEntry meter = entry(Capability.METER_GET);
        assertThat(meter.operation()).hasToString("searchDevices");
        // The serial goes into the specific search parameter only, not into 'name' as well.
        assertThat(meter.parameters()).containsOnlyKeys("serialNumber");
        // The device is the element of the list whose serial is the one asked for, not simply the first.
        ValueSource serial = meter.source("serial").orElseThrow();
        assertThat(serial.pointer()).contains(JsonPointer.compile("/items"));
        assertThat(serial.where()).containsOnlyKeys(JsonPointer.compile("/serialNumber"));
        assertThat(serial.item()).contains(JsonPointer.compile("/serialNumber"));
        ValueSource deviceId = meter.source("deviceId").orElseThrow();
        assertThat(deviceId.where()).isEqualTo(serial.where());
        assertThat(deviceId.item()).contains(JsonPointer.compile("/id"));
    }

    @Test
    void addressesTheDeviceByTheIdMeterGetGaveAsAChainedInput() {
        InputRule deviceId = suggested.binding().input("deviceId").orElseThrow();
        assertThat(deviceId.from()).contains(Capability.METER_GET);
        assertThat(deviceId.value()).isEqualTo("deviceId");
        assertThat(entry(Capability.LOAD_SWITCH_OPEN).parameters().get("deviceId")).hasToString("${deviceId}");
        assertThat(entry(Capability.LOAD_SWITCH_STATUS).parameters().get("deviceId")).hasToString("${deviceId}");
    }

    @Test
    void looksUpAnIdOnlyTheDeviceRecordGives() {
        BindingEntry read = entry(Capability.REGISTERS_READ);
        assertThat(read.parameters().get("counterId")).hasToString("${counterId}");
        assertThat(read.parameters().get("obisCode")).hasToString("${obis}");
        assertThat(entry(Capability.METER_GET).source("counterId").orElseThrow().item())
                .contains(JsonPointer.compile("/counters/0/id"));
    }

    @Test
    void nestsTheCommandBodyAsTheSchemaWantsIt() {
        assertThat(entry(Capability.LOAD_SWITCH_OPEN).requestBody().orElseThrow().render(Map.of()))
                .hasToString("{\"operation\":{\"type\":\"DISCONNECT\"}}");
        assertThat(entry(Capability.LOAD_SWITCH_CLOSE).requestBody().orElseThrow().render(Map.of()))
                .hasToString("{\"operation\":{\"type\":\"CONNECT\"}}");
        assertThat(entry(Capability.LOAD_SWITCH_OPEN).asynchronous()).isTrue();
    }

    @Test
    void mapsTheRelayWordsToTheBenchs() {
        ValueSource state = entry(Capability.LOAD_SWITCH_STATUS).source("state").orElseThrow();
        assertThat(state.pointer()).contains(JsonPointer.compile("/relay/state"));
        assertThat(state.map()).containsExactlyInAnyOrderEntriesOf(Map.of("ON", "CLOSED", "OFF", "OPEN"));
        assertThat(state.read(JsonNodeFactory.instance.objectNode().set("relay",
                JsonNodeFactory.instance.objectNode().put("state", "OFF")), h -> Optional.empty()))
                .isEqualTo(new ValueSource.Reading.Found(JsonNodeFactory.instance.textNode("OPEN")));
    }

    @Test
    void normalisesTheJobsWordsToPendingExecutedFailed() {
        CommandStates states = entry(Capability.COMMAND_STATUS).states().orElseThrow();
        assertThat(states.pending()).containsExactlyInAnyOrder("QUEUED", "RUNNING");
        assertThat(states.executed()).containsExactly("SUCCEEDED");
        assertThat(states.failed()).containsExactlyInAnyOrder("FAILED", "CANCELLED");
    }

    @Test
    void takesTheUnitTheSpecNamesWhereTheAnswerHasNoUnitField() {
        BindingEntry read = entry(Capability.REGISTERS_READ);
        assertThat(read.value("value")).contains(JsonPointer.compile("/readings/0/value"));
        assertThat(read.source("unit").flatMap(ValueSource::literal)).contains(JsonNodeFactory.instance.textNode("kWh"));
    }

    @Test
    void theSuggestionIsFormatTwoValidatesAndLoadsBack() throws BindingException {
        assertThat(suggested.binding().format()).isEqualTo(Binding.FORMAT_2);
        assertThat(suggested.binding().validate(catalog).errors()).isEmpty();
        String yaml = suggested.toYaml();
        assertThat(yaml).contains("binding: 2").contains("from: meter.get");
        Binding loaded = Binding.parse(yaml, "suggested.binding.yaml");
        assertThat(loaded.inputs()).isEqualTo(suggested.binding().inputs());
        assertThat(loaded.entry(Capability.LOAD_SWITCH_STATUS).orElseThrow().sources())
                .isEqualTo(entry(Capability.LOAD_SWITCH_STATUS).sources());
        assertThat(loaded.entry(Capability.LOAD_SWITCH_OPEN).orElseThrow().requestBody())
                .isEqualTo(entry(Capability.LOAD_SWITCH_OPEN).requestBody());
        assertThat(loaded.validate(catalog).errors()).isEmpty();
    }

    @Test
    void refusesARelayStateWithAWordThatMeansNeitherAndSaysSo(@TempDir Path dir) throws Exception {
        // The vendor's relay may also be UNKNOWN: the bench cannot tell open from closed then, so no map is guessed.
        String yaml = Files.readString(Specs.path("vendor-shapes.yaml")).replace("enum: [\"ON\", \"OFF\"]", "enum: [\"ON\", \"OFF\", UNKNOWN]");
        ApiCatalog unknown = SpecImporter.defaults().importFile(Files.writeString(dir.resolve("unknown.yaml"), yaml));
        SuggestedBinding withUnknown = Binding.suggest(unknown);
        assertThat(withUnknown.binding().entry(Capability.LOAD_SWITCH_STATUS)).isEmpty();
        assertThat(withUnknown.unbound().get(Capability.LOAD_SWITCH_STATUS))
                .contains("/relay/state may be ON, OFF, UNKNOWN, of which UNKNOWN says open or closed");
    }

    @Test
    void aReadingWithoutAnyUnitIsNotBoundAndSaysWhy(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Specs.path("vendor-shapes.yaml")).replace(", description: The register's value in kWh", "");
        SuggestedBinding without = Binding.suggest(SpecImporter.defaults().importFile(Files.writeString(dir.resolve("nounit.yaml"), yaml)));
        assertThat(without.binding().entry(Capability.REGISTERS_READ)).isEmpty();
        assertThat(without.unbound().get(Capability.REGISTERS_READ)).contains("no pointer for 'unit'");
    }
}
