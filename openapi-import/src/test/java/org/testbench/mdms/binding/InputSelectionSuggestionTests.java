package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * The suggester picks the value the call asks for out of an answer that holds several: a register by its
 * code in a list ({@code where}/{@code item}) or at its key in a map ({@code /${obis}}), a meter by its serial
 * in a list of meters; never the first element of a list for the one asked for. Each case on a small spec
 * written here; every binding written validates against its spec, loads back, and reads the right element
 * of an answer shaped as the spec says.
 */
class InputSelectionSuggestionTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A spec with one meter lookup and one readings operation whose answer is {@code answer} (YAML, indented 14). */
    private SuggestedBinding suggest(String answer) throws Exception {
        String yaml = """
                openapi: 3.0.3
                info: {title: Selection, version: 1.0.0}
                paths:
                  /meters/{serial}:
                    get:
                      operationId: getMeter
                      parameters:
                        - {name: serial, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: The meter
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  serial: {type: string}
                                  firmware: {type: string}
                  /meters/{serial}/readings:
                    get:
                      operationId: getReadings
                      summary: The meter's register readings
                      parameters:
                        - {name: serial, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: The readings
                          content:
                            application/json:
                              schema:
                """ + answer.stripTrailing().indent(18);
        ApiCatalog catalog = SpecImporter.defaults().importFile(Files.writeString(dir.resolve("spec.yaml"), yaml));
        SuggestedBinding suggested = Binding.suggest(catalog);
        // Whatever the shape: what is written validates against the spec and reads back as it was suggested.
        assertThat(suggested.binding().validate(catalog).errors()).isEmpty();
        Binding loaded = Binding.parse(suggested.toYaml(), "suggested");
        assertThat(loaded.inputs()).isEqualTo(suggested.binding().inputs());
        assertThat(loaded.entry(Capability.REGISTERS_READ).map(BindingEntry::sources))
                .isEqualTo(suggested.binding().entry(Capability.REGISTERS_READ).map(BindingEntry::sources));
        return suggested;
    }

    private static BindingEntry read(SuggestedBinding suggested) {
        return suggested.binding().entry(Capability.REGISTERS_READ).orElseThrow(() -> new AssertionError(
                "registers.read not bound: " + suggested.unbound().get(Capability.REGISTERS_READ)));
    }

    private static String reasons(SuggestedBinding suggested, Capability capability) {
        return suggested.suggestions().stream().filter(s -> s.capability() == capability)
                .flatMap(s -> s.reasons().stream()).reduce("", (a, b) -> a + "; " + b);
    }

    /** The value the entry reads from this answer when the bench asks for {@code obis}. */
    private static JsonNode valueFor(SuggestedBinding suggested, String name, String obis, String answer) throws Exception {
        CallInputs inputs = new CallInputs(Map.of("serial", "26000001", "obis", obis), suggested.binding().inputs());
        ValueSource.Reading reading = read(suggested).source(name).orElseThrow()
                .read(JSON.readTree(answer), h -> Optional.empty(), inputs);
        assertThat(reading).as(reading.toString()).isInstanceOf(ValueSource.Reading.Found.class);
        return ((ValueSource.Reading.Found) reading).value();
    }

    @Test
    void choosesTheReadingWhoseObisCodeIsTheOneAskedForInAListUnderAProperty() throws Exception {
        SuggestedBinding suggested = suggest("""
                type: object
                properties:
                  readings:
                    type: array
                    items:
                      type: object
                      properties:
                        obis: {type: string, example: "1-0:1.8.0"}
                        value: {type: number}
                        unit: {type: string}
                """);
        ValueSource value = read(suggested).source("value").orElseThrow();
        assertThat(value.pointer()).contains(JsonPointer.compile("/readings"));
        assertThat(value.where()).containsExactly(Map.entry(JsonPointer.compile("/obis"), ValueTemplate.parse("${obis}")));
        assertThat(value.item()).contains(JsonPointer.compile("/value"));
        assertThat(read(suggested).source("unit").orElseThrow().item()).contains(JsonPointer.compile("/unit"));
        assertThat(suggested.binding().input("obis").orElseThrow().obis()).contains(InputRule.ObisForm.SHORT);
        assertThat(suggested.toYaml()).doesNotContain("/0/").contains("binding: 2").contains("A-B:C.D.E");

        String answer = """
                {"readings": [{"obis": "1-0:1.8.0", "value": 1234.5, "unit": "kWh"},
                              {"obis": "1-0:2.8.0", "value": 17.25, "unit": "kWh"}]}""";
        assertThat(valueFor(suggested, "value", "1-0:2.8.0*255", answer).asDouble()).isEqualTo(17.25);
        assertThat(valueFor(suggested, "value", "1-0:1.8.0*255", answer).asDouble()).isEqualTo(1234.5);
    }

    @Test
    void choosesByARegisterCodeInAListThatIsTheWholeAnswerWrittenAsTheExamplesWriteIt() throws Exception {
        SuggestedBinding suggested = suggest("""
                type: array
                items:
                  type: object
                  properties:
                    code: {type: string, description: The register}
                    value: {type: number, description: The reading in kWh}
                  example: {code: "1.8.0", value: 12.5}
                """);
        ValueSource value = read(suggested).source("value").orElseThrow();
        assertThat(value.pointer()).contains(JsonPointer.empty());
        assertThat(value.where()).containsOnlyKeys(JsonPointer.compile("/code"));
        assertThat(suggested.binding().input("obis").orElseThrow().obis()).contains(InputRule.ObisForm.CDE);
        // The unit the value's description names, as before: the list does not change where it is read.
        assertThat(read(suggested).source("unit").orElseThrow().literal().map(JsonNode::asText)).contains("kWh");
        assertThat(valueFor(suggested, "value", "1-0:2.8.0*255",
                "[{\"code\": \"1.8.0\", \"value\": 1.5}, {\"code\": \"2.8.0\", \"value\": 2.5}]").asDouble()).isEqualTo(2.5);
    }

    @Test
    void aListWhoseElementsNameNoRegisterKeepsItsFirstElementAndSaysSo() throws Exception {
        SuggestedBinding suggested = suggest("""
                type: object
                properties:
                  readings:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string, example: Main meter}
                        value: {type: number}
                        unit: {type: string}
                """);
        assertThat(read(suggested).value("value")).contains(JsonPointer.compile("/readings/0/value"));
        assertThat(suggested.binding().input("obis")).isEmpty();
        assertThat(reasons(suggested, Capability.REGISTERS_READ))
                .contains("the answer is a list at /readings whose elements have no property that names the register")
                .contains("first element is read, check it");
    }

    @Test
    void readsTheKeyOfAMapKeyedByRegisterWithThePlaceholder() throws Exception {
        SuggestedBinding suggested = suggest("""
                type: object
                properties:
                  registers:
                    type: object
                    additionalProperties:
                      type: object
                      properties:
                        value: {type: number}
                        unit: {type: string}
                    example:
                      "1-0:1.8.0*255": {value: 1234.5, unit: kWh}
                """);
        assertThat(read(suggested).value("value")).contains(JsonPointer.compile("/registers/${obis}/value"));
        assertThat(suggested.binding().input("obis").orElseThrow().obis()).contains(InputRule.ObisForm.FULL);
        assertThat(valueFor(suggested, "value", "1.0.1.8.0.255",
                "{\"registers\": {\"1-0:1.8.0*255\": {\"value\": 1234.5, \"unit\": \"kWh\"}}}").asDouble()).isEqualTo(1234.5);
    }

    @Test
    void readsAnAnswerWhosePropertiesAreRegisterCodesAtTheCodeAskedFor() throws Exception {
        // Corrently's shape: one property per register, named C.D.E, the unit only in the descriptions.
        SuggestedBinding suggested = suggest("""
                type: object
                properties:
                  "1.8.0": {type: integer, description: Reading in Wh}
                  "2.8.0": {type: integer, description: Reading in Wh}
                  account: {type: string}
                """);
        assertThat(read(suggested).value("value")).contains(JsonPointer.compile("/${obis}"));
        assertThat(read(suggested).source("unit").orElseThrow().literal().map(JsonNode::asText)).contains("Wh");
        assertThat(suggested.binding().input("obis").orElseThrow().obis()).contains(InputRule.ObisForm.CDE);
        assertThat(valueFor(suggested, "value", "1-0:2.8.0*255", "{\"1.8.0\": 10, \"2.8.0\": 20}").asInt()).isEqualTo(20);
    }

    @Test
    void findsTheMeterInTheListASearchAnswersByItsSerialAndChainsItsIdFromThatElement() throws Exception {
        String yaml = """
                openapi: 3.0.3
                info: {title: Search, version: 1.0.0}
                paths:
                  /devices:
                    get:
                      operationId: searchDevices
                      parameters:
                        - {name: serialNumber, in: query, schema: {type: string, example: MTR-000123}}
                      responses:
                        '200':
                          description: The devices found
                          content:
                            application/json:
                              schema:
                                type: object
                                properties:
                                  devices:
                                    type: array
                                    items:
                                      type: object
                                      properties:
                                        id: {type: string}
                                        serialNumber: {type: string}
                                        firmware: {type: string}
                  /devices/{deviceId}/relay:
                    put:
                      operationId: setRelay
                      parameters:
                        - {name: deviceId, in: path, required: true, schema: {type: string}}
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [state]
                              properties:
                                state: {type: string, enum: [ON, OFF]}
                      responses:
                        '200': {description: Switched}
                """;
        ApiCatalog catalog = SpecImporter.defaults().importFile(Files.writeString(dir.resolve("search.yaml"), yaml));
        SuggestedBinding suggested = Binding.suggest(catalog);
        assertThat(suggested.binding().validate(catalog).errors()).isEmpty();
        BindingEntry meter = suggested.binding().entry(Capability.METER_GET).orElseThrow();
        Map<JsonPointer, ValueTemplate> bySerial = Map.of(JsonPointer.compile("/serialNumber"), ValueTemplate.parse("MTR-${serial}"));
        ValueSource id = meter.source("deviceId").orElseThrow();
        assertThat(id.pointer()).contains(JsonPointer.compile("/devices"));
        assertThat(id.where()).isEqualTo(bySerial);
        assertThat(id.item()).contains(JsonPointer.compile("/id"));
        assertThat(meter.source("serial").orElseThrow().where()).isEqualTo(bySerial);
        assertThat(suggested.toYaml()).doesNotContain("/0/");
        assertThat(Binding.parse(suggested.toYaml(), "suggested").entry(Capability.METER_GET).orElseThrow().sources())
                .isEqualTo(meter.sources());

        CallInputs inputs = new CallInputs(Map.of("serial", "000123"), suggested.binding().inputs());
        JsonNode answer = JSON.readTree("{\"devices\": [{\"id\": \"d-1\", \"serialNumber\": \"MTR-000999\"},"
                + " {\"id\": \"d-2\", \"serialNumber\": \"MTR-000123\"}]}");
        assertThat(id.read(answer, h -> Optional.empty(), inputs))
                .isEqualTo(new ValueSource.Reading.Found(JSON.getNodeFactory().textNode("d-2")));
    }
}
