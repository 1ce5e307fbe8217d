package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.testing.Samples;

class BindingLoadTests {

    private static BindingException failure(String yaml) {
        try {
            Binding.parse(yaml, "lab.binding.yaml");
        } catch (BindingException e) {
            return e;
        }
        throw new AssertionError("loaded although it should not:\n" + yaml);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithTheLocationOfTheBadByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vendor.binding.yaml");
        byte[] head = "binding: 1\ncapabilities:\n  meter.get: {operation: \"getM".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 4);
        bytes[head.length] = (byte) 0xFE;
        bytes[head.length + 1] = (byte) 0xFF;
        bytes[head.length + 2] = '"';
        bytes[head.length + 3] = '}';
        Files.write(file, bytes);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Binding.load(file))
                .isInstanceOfSatisfying(BindingException.class, e -> {
                    assertThat(e.location()).hasValue(new org.testbench.mdms.SourceLocation(3, 31));
                    assertThat(e.problem()).contains("not UTF-8").contains("0xfe");
                });
    }

    /** Found by fuzzing: a binding cut down to comments was refused without a place to look. */
    @Test
    void aBindingWithNothingButCommentsIsLocated() {
        assertThatThrownBy(() -> Binding.parse("# binding: 1\n", "b.yaml"))
                .isInstanceOfSatisfying(BindingException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("b.yaml:1:1: not well-formed YAML: the document is empty"));
    }

    @Test
    void loadsTheSampleBinding() {
        Binding binding = Samples.binding();
        assertThat(binding.entries()).hasSize(Capability.values().length);
        assertThat(binding.apiVersion()).isEqualTo("1.0.0");
        BindingEntry open = binding.entry(Capability.LOAD_SWITCH_OPEN).orElseThrow();
        assertThat(open.operation()).isEqualTo(OperationRef.byId("createLoadSwitchCommand"));
        assertThat(open.asynchronous()).isTrue();
        assertThat(open.body().get("action").renderText(Map.of())).isEqualTo("OPEN");
        assertThat(open.parameters().get("serial").renderText(Map.of("serial", "26000001"))).isEqualTo("26000001");
        assertThat(open.value("commandId")).hasValue(JsonPointer.compile("/commandId"));
        assertThat(open.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(34));
        BindingEntry status = binding.entry(Capability.COMMAND_STATUS).orElseThrow();
        assertThat(status.commandStates().classify("FAILED")).isEqualTo(CommandState.FAILED);
        assertThat(status.meterUnreachable()).singleElement().hasToString("/reason/code = METER_UNREACHABLE");
        assertThat(binding.meterUnreachablePatterns(Capability.REGISTERS_READ)).singleElement()
                .hasToString("status 504 and /code = METER_UNREACHABLE");
    }

    @Test
    void theSampleNamesItsSpecRelativeToTheBindingFile() {
        Binding binding = Samples.binding();
        Path expected = Samples.bindingFile().getParent().resolveSibling("openapi").resolve("mdms-v1.yaml");
        assertThat(binding.spec()).hasValue(expected);
        assertThat(expected).isRegularFile();
    }

    @Test
    void specIsKeptAsWrittenWithoutAFileAndWrittenBack() throws Exception {
        Binding binding = Binding.parse("binding: 1\nspec: ../openapi/api.yaml\ncapabilities:\n"
                + "  meter.get: {operation: getMeter, parameters: {serial: '${serial}'}}\n", "b.yaml");
        assertThat(binding.spec()).hasValue(Path.of("../openapi/api.yaml"));
        assertThat(binding.toYaml()).contains("\nspec: \"../openapi/api.yaml\"\n");
        assertThat(Binding.parse(binding.toYaml(), "again").spec()).isEqualTo(binding.spec());
        assertThat(Binding.parse("binding: 1\ncapabilities: {}\n", "b.yaml").spec()).isEmpty();
    }

    @Test
    void specIsResolvedAgainstTheBindingFilesDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("bindings")).resolve("lab.binding.yaml");
        Files.writeString(file, "binding: 1\nspec: ../openapi/api.yaml\ncapabilities: {}\n");
        assertThat(Binding.load(file).spec()).hasValue(dir.resolve("openapi").resolve("api.yaml"));
    }

    @Test
    void emptySpecIsRefusedWhereItIs() {
        assertThat(failure("binding: 1\nspec: ''\ncapabilities: {}\n").getMessage())
                .isEqualTo("lab.binding.yaml:2:1: spec is empty (a path to the OpenAPI file, relative to the binding file)");
    }

    @Test
    void writesWhatItReads() throws Exception {
        Binding binding = Samples.binding();
        Binding again = Binding.parse(binding.toYaml(), "written");
        assertThat(again.entries()).hasSameSizeAs(binding.entries());
        for (BindingEntry entry : binding.entries()) {
            BindingEntry copy = again.entry(entry.capability()).orElseThrow();
            assertThat(copy.operation()).isEqualTo(entry.operation());
            assertThat(copy.parameters()).isEqualTo(entry.parameters());
            assertThat(copy.body()).isEqualTo(entry.body());
            assertThat(copy.values()).isEqualTo(entry.values());
            assertThat(copy.asynchronous()).isEqualTo(entry.asynchronous());
            assertThat(copy.states()).isEqualTo(entry.states());
            assertThat(copy.meterUnreachable()).isEqualTo(entry.meterUnreachable());
        }
        assertThat(again.defaultMeterUnreachable()).isEqualTo(binding.defaultMeterUnreachable());
        assertThat(again.spec()).isEqualTo(binding.spec());
    }

    @Test
    void acceptsMethodAndPathAndTheDesignDocumentsNameForCommandStatus() throws Exception {
        Binding binding = Binding.parse("""
                binding: 1
                capabilities:
                  job.status:
                    operation: GET /commands/{commandId}
                    parameters: {commandId: '${commandId}'}
                    values: {status: /status}
                """, "b.yaml");
        assertThat(binding.entry(Capability.COMMAND_STATUS).orElseThrow().operation().key())
                .hasValue(OperationKey.parse("GET /commands/{commandId}"));
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        BindingException e = failure("binding: 1\ncapabilities:\n  meter.get:\n    operation: getMeter\n   values: {}\n");
        assertThat(e.getMessage()).startsWith("lab.binding.yaml:5:").contains("not well-formed YAML");
    }

    @Test
    void unknownCapabilityOffersTheNearMiss() {
        BindingException e = failure("binding: 1\ncapabilities:\n  loadswitch.open:\n    operation: x\n");
        assertThat(e.getMessage()).startsWith("lab.binding.yaml:3:3: unknown capability 'loadswitch.open'"
                + " (did you mean loadSwitch.open?); capabilities are meter.get, loadSwitch.open,");
    }

    @Test
    void unknownKeyListsTheKeysAllowed() {
        BindingException e = failure("binding: 1\ncapabilities:\n  meter.get:\n    operation: getMeter\n    extract: {}\n");
        assertThat(e.getMessage()).isEqualTo("lab.binding.yaml:5:5: unknown key 'extract' in meter.get (expected:"
                + " operation, parameters, body, values, async, states, meterUnreachable, notFound)");
    }

    @Test
    void pointerWithoutSlashIsRefusedWithTheFix() {
        BindingException e = failure("binding: 1\ncapabilities:\n  loadSwitch.status:\n    operation: x\n"
                + "    values:\n      state: state\n");
        assertThat(e.getMessage()).isEqualTo("lab.binding.yaml:6:7: loadSwitch.status: value 'state' 'state' is not a"
                + " JSON Pointer (it starts with '/', e.g. /state; '' is the whole answer)");
    }

    @Test
    void asyncNeedsACommandId() {
        BindingException e = failure("binding: 1\ncapabilities:\n  loadSwitch.open:\n    operation: x\n    async: true\n");
        assertThat(e.getMessage()).isEqualTo("lab.binding.yaml:5:5: loadSwitch.open: async needs a 'commandId'"
                + " under values (where the answer gives the command to follow)");
    }

    @Test
    void missingOperationAndFormatAreNamed() {
        assertThat(failure("binding: 1\ncapabilities:\n  meter.get:\n    parameters: {serial: x}\n").getMessage())
                .isEqualTo("lab.binding.yaml:3:3: meter.get: missing 'operation' (an operationId, or 'METHOD /path')");
        assertThat(failure("capabilities: {}\n").getMessage())
                .isEqualTo("lab.binding.yaml:1:1: missing 'binding: 2' (the format version) at the top");
        assertThat(failure("binding: 3\ncapabilities: {}\n").getMessage())
                .isEqualTo("lab.binding.yaml:1:1: binding format 3 is not supported (this version reads 1 and 2)");
    }

    @Test
    void badPatternsAreRefusedWhereTheyAre() {
        assertThat(failure("binding: 1\ndefaults:\n  meterUnreachable:\n    - matches: '[unclosed'\ncapabilities: {}\n")
                .getMessage()).startsWith("lab.binding.yaml:4:7: meterUnreachable pattern: 'matches' is not a regular expression");
        assertThat(failure("binding: 1\ndefaults:\n  meterUnreachable:\n    - equals: X\ncapabilities: {}\n")
                .getMessage()).isEqualTo("lab.binding.yaml:4:7: meterUnreachable pattern: 'equals' needs a 'pointer' to compare the value at");
        assertThat(failure("binding: 1\ndefaults:\n  meterUnreachable:\n    - status: 6XX\ncapabilities: {}\n")
                .getMessage()).startsWith("lab.binding.yaml:4:7: meterUnreachable pattern: not a response status: '6XX'");
    }

    @Test
    void statesBelongToCommandStatusOnly() {
        BindingException e = failure("binding: 1\ncapabilities:\n  meter.get:\n    operation: x\n"
                + "    states: {executed: [OK], failed: [KO]}\n");
        assertThat(e.getMessage()).isEqualTo("lab.binding.yaml:5:5: meter.get: 'states' belongs to command.status only");
    }

    @Test
    void duplicateKeysAreRefused() {
        BindingException e = failure("binding: 1\ncapabilities:\n  meter.get:\n    operation: a\n    operation: b\n");
        assertThat(e.getMessage()).isEqualTo("lab.binding.yaml:5:5: not well-formed YAML: duplicate key 'operation'");
    }
}
