package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * Loading and validating values picked by the call's input (format 2): placeholders in a value's pointer, and
 * {@code where}/{@code item} choosing an element of a list. Errors at load name file, line and column; errors
 * against the spec name the value and what the schema has instead.
 */
class ValueSelectionBindingTests {

    private static final String HEAD = "binding: 2\ncapabilities:\n  registers.read:\n    operation: listReadings\n"
            + "    parameters: {serial: '${serial}'}\n    values:\n";

    private static BindingException failure(String yaml) {
        try {
            Binding.parse(yaml, "v.binding.yaml");
        } catch (BindingException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private static ApiCatalog headEnd() throws Exception {
        Path spec = Path.of(ValueSelectionBindingTests.class.getResource("/vendor/headend-readings.yaml").toURI());
        return SpecImporter.defaults().importFile(spec);
    }

    private static List<BindingProblem> problems(String values) throws Exception {
        return Binding.parse(HEAD + values, "v.binding.yaml").validate(headEnd()).problems().stream()
                .filter(p -> p.capability().orElse(null) == Capability.REGISTERS_READ).toList();
    }

    private static List<String> errors(String values) throws Exception {
        return problems(values).stream().filter(BindingProblem::isError).map(BindingProblem::message).toList();
    }

    @Test
    void aValueChosenFromAListIsReadWithItsConditionsAndItemPointer() throws Exception {
        Binding binding = Binding.parse(HEAD + "      value: {pointer: /readings, where: {/obis: '${obis}', /channel: 1},"
                + " item: /value}\n      unit: {literal: kWh}\n", "v.binding.yaml");
        ValueSource value = binding.entry(Capability.REGISTERS_READ).orElseThrow().source("value").orElseThrow();
        assertThat(value.pointer()).contains(JsonPointer.compile("/readings"));
        assertThat(value.where()).containsOnlyKeys(JsonPointer.compile("/obis"), JsonPointer.compile("/channel"));
        assertThat(value.where().get(JsonPointer.compile("/obis")).wholePlaceholder()).contains("obis");
        assertThat(value.item()).contains(JsonPointer.compile("/value"));
        assertThat(value.placeholders()).containsExactly("obis");
        assertThat(binding.format()).isEqualTo(Binding.FORMAT_2);
    }

    @Test
    void selectionsAndPointerPlaceholdersSurviveWritingAndReadingBack() throws Exception {
        Binding binding = Binding.parse("binding: 2\ninputs:\n  obis: {obis: C.D.E}\ncapabilities:\n  registers.read:\n"
                + "    operation: listReadings\n    parameters: {serial: '${serial}'}\n    values:\n"
                + "      value: {pointer: /readings, where: {/obis: '${obis}', /channel: 1}, item: /value}\n"
                + "      unit: {pointer: /readings, where: {/obis: 'reg ${obis}'}}\n"
                + "      readAt: /registers/${obis}/readAt\n", "v.binding.yaml");
        Binding copy = Binding.parse(binding.toYaml(), "copy");
        assertThat(copy.entry(Capability.REGISTERS_READ).orElseThrow().sources())
                .isEqualTo(binding.entry(Capability.REGISTERS_READ).orElseThrow().sources());
        assertThat(copy.input("obis").orElseThrow().obis()).contains(InputRule.ObisForm.CDE);
    }

    @Test
    void aBindingThatPicksByInputValidatesAgainstItsSpec() throws Exception {
        assertThat(errors("      value: {pointer: /readings, where: {/obis: '${obis}'}, item: /value}\n"
                + "      unit: {pointer: /readings, where: {/obis: '${obis}'}, item: /unit}\n")).isEmpty();
        assertThat(errors("      value: /registers/${obis}/value\n      unit: {literal: kWh}\n")
                .stream().filter(m -> !m.contains("listReadings"))).isEmpty();
    }

    @Test
    void theListMustBeAListInTheResponseSchema() throws Exception {
        assertThat(errors("      value: {pointer: /meter, where: {/obis: '${obis}'}, item: /value}\n"
                + "      unit: {literal: kWh}\n"))
                .singleElement().asString().contains("value 'value' chooses an element of /meter, which is not a list"
                        + " in the 200 response schema (inline) of listReadings");
        assertThat(problems("      value: {pointer: /readingz, where: {/obis: '${obis}'}, item: /value}\n"
                + "      unit: {literal: kWh}\n"))
                .filteredOn(BindingProblem::isError).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(BindingProblem.Kind.POINTER_NOT_IN_SCHEMA);
                    assertThat(p.message()).contains("chooses from /readingz, which is not in").contains("readings");
                });
    }

    @Test
    void theConditionsAndTheItemPointerMustBeInTheElementSchema() throws Exception {
        List<BindingProblem> found = problems("      value: {pointer: /readings, where: {/obs: '${obis}'}, item: /valu}\n"
                + "      unit: {literal: kWh}\n").stream().filter(BindingProblem::isError).toList();
        assertThat(found).extracting(BindingProblem::kind).containsOnly(BindingProblem.Kind.POINTER_NOT_IN_SCHEMA);
        assertThat(found).extracting(BindingProblem::message).containsExactly(
                "registers.read: value 'value' where /obs is not in the elements of /readings in the 200 response"
                        + " schema (inline) of listReadings (GET /meters/{serial}/readings) (they have: obis, channel,"
                        + " value, unit, readAt)",
                "registers.read: value 'value' item /valu is not in the elements of /readings in the 200 response"
                        + " schema (inline) of listReadings (GET /meters/{serial}/readings) (they have: obis, channel,"
                        + " value, unit, readAt)");
    }

    @Test
    void aPlaceholderMustNameAnInputOfTheCapability() throws Exception {
        List<BindingProblem> found = problems("      value: {pointer: /readings, where: {/obis: '${register}'}, item:"
                + " /value}\n      unit: {literal: kWh}\n").stream().filter(BindingProblem::isError).toList();
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(BindingProblem.Kind.UNKNOWN_PLACEHOLDER);
            assertThat(p.message()).startsWith("registers.read: value 'value' is looked up by ${register}, which is not"
                    + " among the inputs of registers.read (serial, obis)");
        });
    }

    @Test
    void aPlaceholderInAPointerStandsForAnyNameTheSchemaAllowsThere() throws Exception {
        // registerMap keys registers by code (additionalProperties): any code is possible, a wrong field is not.
        String head = "binding: 2\ncapabilities:\n  registers.read:\n    operation: registerMap\n"
                + "    parameters: {serial: '${serial}'}\n    values:\n";
        ApiCatalog catalog = headEnd();
        assertThat(Binding.parse(head + "      value: /registers/${obis}/value\n      unit: /registers/${obis}/unit\n",
                "v").validate(catalog).errors()).isEmpty();
        assertThat(Binding.parse(head + "      value: /registers/${obis}/valeu\n      unit: {literal: kWh}\n", "v")
                .validate(catalog).errors()).extracting(BindingProblem::message).singleElement().asString()
                .startsWith("registers.read: value 'value' at /registers/${obis}/valeu is not in the 200 response schema");
    }

    @Test
    void malformedSelectionsAreRefusedWhereTheyAreWritten() {
        assertThat(failure(HEAD + "      value: {pointer: /readings, item: /value}\n").getMessage())
                .startsWith("v.binding.yaml:7:35: registers.read: value 'value': item points into the element that"
                        + " 'where' chooses");
        assertThat(failure(HEAD + "      value: {header: X-Value, where: {/obis: '${obis}'}}\n").getMessage())
                .startsWith("v.binding.yaml:7:32: registers.read: value 'value': where chooses an element of the list"
                        + " at 'pointer', which is missing");
        assertThat(failure(HEAD + "      value: {pointer: /readings, where: {obis: '${obis}'}}\n").getMessage())
                .startsWith("v.binding.yaml:7:43: registers.read: value 'value': where 'obis' is not a JSON Pointer");
        assertThat(failure(HEAD + "      value: {pointer: /readings, where: {/obis: [a, b]}}\n").getMessage())
                .startsWith("v.binding.yaml:7:43: registers.read: value 'value': where '/obis' is a single value");
        assertThat(failure(HEAD + "      value: {pointer: /readings, where: {}}\n").getMessage())
                .startsWith("v.binding.yaml:7:35: registers.read: value 'value': where is empty");
        assertThat(failure(HEAD + "      value: /registers/${obis/value\n").getMessage())
                .startsWith("v.binding.yaml:7:7: registers.read: value 'value': unclosed placeholder");
    }

    @Test
    void formatOneReadsPointersAsBeforeAndRefusesPlaceholdersInThem() {
        BindingException e = failure("binding: 1\ncapabilities:\n  registers.read:\n    operation: listReadings\n"
                + "    values: {value: '/registers/${obis}', unit: /unit}\n");
        assertThat(e.getMessage()).startsWith("v.binding.yaml:5:14: registers.read: value 'value' '/registers/${obis}'"
                + " has a placeholder: placeholders in pointers need 'binding: 2'");
    }

    @Test
    void aPlaceholderValueIsEscapedAsOnePointerToken() {
        assertThat(PointerTemplate.expand(JsonPointer.compile("/registers/${obis}/value"), Map.of("obis", "a/b~c")))
                .hasToString("/registers/a~1b~0c/value");
        assertThat(PointerTemplate.expand(JsonPointer.compile("/r/x-${n}"), Map.of("n", 7))).hasToString("/r/x-7");
    }
}
