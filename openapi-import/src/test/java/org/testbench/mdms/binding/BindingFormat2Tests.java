package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;

/** Format 2's bad input: located load errors, and validation problems that name the place in the body. */
class BindingFormat2Tests {

    private static final String HEAD = "binding: 2\ncapabilities:\n";

    private static BindingException failure(String yaml) {
        try {
            Binding.parse(yaml, "v.binding.yaml");
        } catch (BindingException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private static ApiCatalog gridCore() throws Exception {
        Path spec = Path.of(BindingFormat2Tests.class.getResource("/vendor/gridcore.yaml").toURI());
        return SpecImporter.defaults().importFile(spec);
    }

    private static List<String> errors(String yaml) throws Exception {
        return Binding.parse(yaml, "v.binding.yaml").validate(gridCore()).errors().stream()
                .map(BindingProblem::message).toList();
    }

    @Test
    void aChainThatNeedsItselfIsRefusedWhereItIsWritten() {
        BindingException e = failure("binding: 2\ninputs:\n  deviceId: {from: meter.get, value: id}\ncapabilities:\n"
                + "  meter.get:\n    operation: GET /devices/{deviceId}\n    parameters: {deviceId: '${deviceId}'}\n"
                + "    values: {serial: /serialNumber, id: /id}\n");
        assertThat(e.getMessage()).startsWith("v.binding.yaml:3:3: inputs: chained inputs form a cycle: deviceId → "
                + "meter.get needs ${deviceId} → deviceId");
    }

    @Test
    void aChainedInputNamesABoundCapabilityAndOneOfItsValues() {
        assertThat(failure("binding: 2\ninputs:\n  deviceId: {from: meter.get}\ncapabilities: {}\n").getMessage())
                .isEqualTo("v.binding.yaml:3:14: inputs.deviceId.from: meter.get is not bound in this binding");
        assertThat(failure("binding: 2\ninputs:\n  deviceId: {from: meter.get, value: uuid}\ncapabilities:\n"
                + "  meter.get: {operation: searchDevices, values: {serial: /items/0/serialNumber}}\n").getMessage())
                .isEqualTo("v.binding.yaml:3:31: inputs.deviceId: meter.get has no value 'uuid' (it has: serial)");
    }

    @Test
    void format1RefusesFormat2ConstructsSayingSo() {
        assertThat(failure("binding: 1\ncapabilities:\n  loadSwitch.open:\n    operation: x\n    body:\n"
                + "      operation: {type: DISCONNECT}\n").getMessage())
                .isEqualTo("v.binding.yaml:6:7: loadSwitch.open: body field 'operation' is a mapping: nested bodies"
                        + " need 'binding: 2'");
    }

    @Test
    void badValueSourcesAndInputsAreLocated() {
        assertThat(failure(HEAD + "  loadSwitch.status:\n    operation: getRelay\n    values:\n"
                + "      state: {pointer: /relay/state, header: X-State}\n").getMessage())
                .isEqualTo("v.binding.yaml:6:7: loadSwitch.status: value 'state': give one of pointer, header and literal");
        assertThat(failure(HEAD + "  command.status:\n    operation: getJob\n    values:\n"
                + "      commandId: {header: Location, matches: '/jobs/.*'}\n").getMessage())
                .contains("matches '/jobs/.*' needs exactly one group");
        assertThat(failure("binding: 2\ninputs:\n  obis: {obis: 'A:B:C'}\ncapabilities: {}\n").getMessage())
                .startsWith("v.binding.yaml:3:10: inputs.obis.obis 'A:B:C' is not a form");
    }

    @Test
    void aBodyOfTheWrongShapeOrTypeIsNamedByItsPointer() throws Exception {
        List<String> errors = errors(HEAD + "  loadSwitch.open:\n    operation: createRelayOperation\n"
                + "    parameters: {deviceId: '${serial}'}\n"
                + "    body:\n      operation: DISCONNECT\n      tags: [1]\n");
        assertThat(errors).anySatisfy(m -> assertThat(m).isEqualTo("loadSwitch.open: body field 'operation' = DISCONNECT"
                + " is a text, but the request schema RelayOperationRequest of createRelayOperation (POST"
                + " /devices/{deviceId}/relay-operations) wants an object there"));
        assertThat(errors).anySatisfy(m -> assertThat(m).startsWith("loadSwitch.open: body field '/tags/0' = 1 is an"
                + " integer, but"));
    }

    @Test
    void nestedFieldsTypesAndEnumsAreCheckedAtDepth() throws Exception {
        List<String> errors = errors(HEAD + "  loadSwitch.open:\n    operation: createRelayOperation\n"
                + "    parameters: {deviceId: '${serial}'}\n"
                + "    body:\n      operation:\n        type: SHUTDOWN\n        options: {force: '${serial}', speed: 3}\n");
        assertThat(errors).contains(
                "loadSwitch.open: body field '/operation/type' = SHUTDOWN is not one of DISCONNECT, CONNECT",
                "loadSwitch.open: body field '/operation/options/force' = ${serial} is a text (the input's type), but"
                        + " the request schema RelayOperationRequest of createRelayOperation (POST"
                        + " /devices/{deviceId}/relay-operations) wants a boolean there");
        assertThat(errors).anySatisfy(m -> assertThat(m).startsWith(
                "loadSwitch.open: body field '/operation/options/speed' is not in the request schema"));
    }

    @Test
    void aMapThatMissesAnEnumValueIsAnError() throws Exception {
        List<String> errors = errors(HEAD + "  loadSwitch.status:\n    operation: getRelay\n"
                + "    parameters: {deviceId: '${serial}'}\n"
                + "    values:\n      state: {pointer: /relay/state, map: {'ON': CLOSED, 'OFF': OPEN}}\n");
        assertThat(errors).singleElement().satisfies(m -> assertThat(m).startsWith(
                "loadSwitch.status: value 'state' at /relay/state may be 'ARMED'"));
    }

    @Test
    void aNotFoundRuleIsLocatedWhenMalformedAndFormat2Only() {
        assertThat(failure("binding: 1\ncapabilities:\n  meter.get:\n    operation: searchDevices\n"
                + "    notFound: [{status: 200, pointer: /items, empty: true}]\n").getMessage())
                .isEqualTo("v.binding.yaml:5:5: meter.get: 'notFound' needs 'binding: 2'");
        assertThat(failure(HEAD + "  meter.get:\n    operation: searchDevices\n"
                + "    notFound: [{pointer: /items, empty: true, equals: '[]'}]\n").getMessage())
                .isEqualTo("v.binding.yaml:5:16: notFound pattern: 'empty' cannot be combined with 'equals' or 'matches'");
        assertThat(failure(HEAD + "  meter.get:\n    operation: searchDevices\n"
                + "    notFound: [{status: 200, empty: sometimes}]\n").getMessage())
                .isEqualTo("v.binding.yaml:5:30: notFound pattern: empty must be true or false, found 'sometimes'");
        assertThat(failure(HEAD + "  meter.get:\n    operation: searchDevices\n"
                + "    notFound: [{status: 200, pointer: /items}]\n").getMessage())
                .contains("'pointer' /items needs 'equals', 'matches' or 'empty: true'");
    }

    @Test
    void aNotFoundPointerMustBeInTheSchemaOfTheAnswersItCanMatch() throws Exception {
        String entry = HEAD + "  meter.get:\n    operation: searchDevices\n    parameters: {serialNumber: '${serial}'}\n"
                + "    values: {serial: /items/0/serialNumber}\n    notFound: [{status: 200, pointer: %s, empty: true}]\n";
        assertThat(errors(String.format(entry, "/items"))).isEmpty();
        assertThat(errors(String.format(entry, "/results"))).containsExactly("meter.get: notFound pattern 'status 200"
                + " and /results is empty' looks at /results, which is not in the 200 response schema of searchDevices"
                + " (GET /devices) (it has: items)");
    }

    @Test
    void anEmptyPatternRecognisesASearchThatFoundNothing() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        ErrorPattern empty = ErrorPattern.of(List.of(org.testbench.mdms.catalog.ResponseStatus.of(200)),
                com.fasterxml.jackson.core.JsonPointer.compile("/items"), null, null, true);
        assertThat(empty.test(200, json.readTree("{\"items\":[]}"), "")).isTrue();
        assertThat(empty.test(200, json.readTree("{\"total\":0}"), "")).isTrue();
        assertThat(empty.test(200, json.readTree("{\"items\":null}"), "")).isTrue();
        assertThat(empty.test(200, json.readTree("{\"items\":[{\"id\":1}]}"), "")).isFalse();
        assertThat(empty.test(500, json.readTree("{\"items\":[]}"), "")).isFalse();
        // An answer that is not JSON says nothing about a list: it is not "nothing found".
        assertThat(empty.test(200, null, "<html>oops</html>")).isFalse();
        assertThat(empty.test(200, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "")).isFalse();
    }

    @Test
    void aFormat2BindingIsWrittenAndReadBackTheSame() throws Exception {
        Path file = Path.of(BindingFormat2Tests.class.getResource("/vendor/gridcore.binding.yaml").toURI());
        Binding binding = Binding.load(file);
        assertThat(binding.format()).isEqualTo(2);
        Binding copy = Binding.parse(binding.toYaml(), "copy");
        for (BindingEntry entry : binding.entries()) {
            BindingEntry again = copy.entry(entry.capability()).orElseThrow();
            assertThat(again.requestBody()).isEqualTo(entry.requestBody());
            assertThat(again.sources()).isEqualTo(entry.sources());
            assertThat(again.notFound()).isEqualTo(entry.notFound());
        }
        assertThat(copy.entry(Capability.METER_GET).orElseThrow().notFound()).hasSize(1);
        assertThat(copy.inputs()).isEqualTo(binding.inputs());
    }

    @Test
    void inputsAreWrittenInTheApisForm() {
        InputRule obis = new InputRule("obis", "", "", 0, "0", java.util.Optional.empty(),
                java.util.Optional.of(InputRule.ObisForm.HEX), java.util.Optional.empty(), null,
                java.util.Optional.empty(), null);
        assertThat(obis.apply("1-0:1.8.0*255")).isEqualTo("0100010800FF");
        assertThat(obis.apply("1.0.1.8.0.255")).isEqualTo("0100010800FF");
        InputRule dotted = new InputRule("obis", "", "", 0, "0", java.util.Optional.empty(),
                java.util.Optional.of(InputRule.ObisForm.SHORT), java.util.Optional.empty(), null,
                java.util.Optional.empty(), null);
        assertThat(dotted.apply("0100010800FF")).isEqualTo("1-0:1.8.0");
        InputRule date = new InputRule("from", "", "", 0, "0", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of("dd.MM.yyyy HH:mm"), java.time.ZoneId.of("Europe/Berlin"),
                java.util.Optional.empty(), null);
        assertThat(date.apply("2024-03-01T10:00:00Z")).isEqualTo("01.03.2024 11:00");
        InputRule serial = new InputRule("serial", "ELS-", "@grid", 10, "0", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), null, java.util.Optional.empty(), null);
        assertThat(serial.apply("26000001")).isEqualTo("ELS-0026000001@grid");
        assertThatThrownBy(() -> obis.apply("1.8.0")).hasMessageContaining("input 'obis' = '1.8.0' is not an OBIS code");
        // A test's deliberately malformed code reaches the MDMS as it is: the MDMS has to refuse it, not the bench.
        assertThat(obis.apply("not-an-obis")).isEqualTo("not-an-obis");
    }
}
