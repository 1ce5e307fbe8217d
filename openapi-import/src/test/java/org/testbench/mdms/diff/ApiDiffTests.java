package org.testbench.mdms.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.binding.BindingProblem.Kind;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.OperationKey;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

class ApiDiffTests {

    @Nested
    class ReferenceVersionOneToTwo {

        private static ApiDiffReport report;

        @BeforeAll
        static void compare() throws Exception {
            report = ApiDiff.compare(Specs.path("mdms-v1.yaml"), Specs.path("mdms-v2.yaml"));
        }

        @Test
        void findsTheOneBreakingChangeAndNamesWhereTheOperationWent() {
            assertThat(report.isBreaking()).isTrue();
            assertThat(report.breakingChanges()).extracting(EndpointChange::sentence).containsExactly(
                    "BREAKING: GET /commands/{commandId} (getCommand) was removed"
                            + " (operationId getCommand is now GET /meters/{serial}/commands/{commandId})");
        }

        @Test
        void classifiesAdditionsAsCompatibleWithASentenceEach() {
            assertThat(report.added()).extracting(c -> c.key().toString()).containsExactly(
                    "GET /meters/{serial}/commands", "GET /meters/{serial}/commands/{commandId}");
            assertThat(report.changed()).allMatch(c -> !c.isBreaking());
            assertThat(report.changed()).extracting(EndpointChange::sentence).contains(
                    "COMPATIBLE: GET /meters/{serial}/load-switch (getLoadSwitchStatus) changed: new optional query parameter 'maxAge'",
                    "COMPATIBLE: POST /meters/{serial}/load-switch/commands (createLoadSwitchCommand) changed: request body:"
                            + " new optional property /correlationId; 202 response: new optional property /attempts;"
                            + " 202 response: new optional property /correlationId",
                    "COMPATIBLE: GET /meters/{serial} (getMeter) changed: 200 response: new optional property /communication/technology",
                    "COMPATIBLE: GET /health (getHealth) changed: documentation changed (descriptions, examples or extensions)");
        }

        @Test
        void tellsWhichBindingEntryBreaksAndWhy() {
            BindingImpact impact = report.bindingImpact(Samples.binding());
            assertThat(impact.brokenCapabilities()).containsExactly(Capability.COMMAND_STATUS);
            assertThat(impact.breaks()).singleElement().satisfies(b -> {
                assertThat(b.reason()).isEqualTo(Kind.MISSING_PARAMETER);
                assertThat(b.message()).isEqualTo("command.status: getCommand (GET /meters/{serial}/commands/{commandId})"
                        + " requires path parameter 'serial', which the binding does not set");
            });
            assertThat(impact.notes()).containsExactly("command.status: getCommand moved from GET /commands/{commandId}"
                    + " to GET /meters/{serial}/commands/{commandId}");
        }

        @Test
        void writesAChangeLogForPeople() {
            assertThat(report.toMarkdown()).startsWith("# API changes: Testbench reference MDMS API 1.0.0 → 2.0.0\n\n"
                    + "10 endpoints differ, 1 of them breaking.\n\n## Breaking\n\n- GET /commands/{commandId}");
        }
    }

    @Nested
    class HandMadeBreakingVersion {

        @TempDir
        static Path dir;
        private static ApiDiffReport report;

        /** v1 with a renamed path parameter, a renamed response property, a new required parameter and a removed endpoint. */
        @BeforeAll
        static void compare() throws Exception {
            String v1 = Files.readString(Specs.path("mdms-v1.yaml"));
            String broken = replace(v1, "  /meters/{serial}/registers/{obis}:", "  /meters/{serial}/registers/{registerCode}:");
            broken = replace(broken, "      name: obis\n", "      name: registerCode\n");
            broken = replace(broken, "      required: [serial, state, source, readAt]", "      required: [serial, relayState, source, readAt]");
            broken = replace(broken, "        state:\n          type: string\n          enum: [OPEN, CLOSED]",
                    "        relayState:\n          type: string\n          enum: [OPEN, CLOSED]");
            broken = replace(broken, "        - name: from\n          in: query\n          required: false",
                    "        - name: from\n          in: query\n          required: true");
            int display = broken.indexOf("  /meters/{serial}/display:");
            broken = broken.substring(0, display) + broken.substring(broken.indexOf("components:"));
            Path file = dir.resolve("mdms-v1-broken.yaml");
            Files.writeString(file, broken);
            report = ApiDiff.compare(Specs.path("mdms-v1.yaml"), file);
        }

        private static String replace(String text, String from, String to) {
            assertThat(text).as("fixture text").contains(from);
            return text.replace(from, to);
        }

        @Test
        void classifiesEachChangeWithItsReason() {
            assertThat(report.removed()).singleElement().satisfies(c ->
                    assertThat(c.sentence()).isEqualTo("BREAKING: POST /meters/{serial}/display (setDisplayMessage) was removed"));
            assertThat(report.changes()).filteredOn(c -> c.key().equals(OperationKey.parse("GET /meters/{serial}/load-switch")))
                    .singleElement().satisfies(c -> {
                        assertThat(c.isBreaking()).isTrue();
                        assertThat(c.details()).extracting(ChangeDetail::toString).contains(
                                "BREAKING: 200 response: property /state was removed",
                                "COMPATIBLE: 200 response: new required property /relayState");
                    });
            assertThat(report.changes()).filteredOn(c -> c.operationId().filter("listMeterEvents"::equals).isPresent())
                    .singleElement().satisfies(c -> assertThat(c.details()).extracting(ChangeDetail::toString)
                            .contains("BREAKING: query parameter 'from' is now required"));
            assertThat(report.changes()).filteredOn(c -> c.operationId().filter("readRegister"::equals).isPresent())
                    .singleElement().satisfies(c -> assertThat(c.sentence()).isEqualTo("COMPATIBLE:"
                            + " GET /meters/{serial}/registers/{registerCode} (readRegister) changed: path template changed"
                            + " from /meters/{serial}/registers/{obis} to /meters/{serial}/registers/{registerCode}"
                            + " (same URLs: path parameters renamed)"));
        }

        @Test
        void namesTheBrokenBindingEntries() {
            BindingImpact impact = report.bindingImpact(Samples.binding());
            assertThat(impact.breaks()).extracting(BindingBreak::message).containsExactly(
                    "loadSwitch.status: value 'state' at /state is not in the 200 response schema LoadSwitchStatus of"
                            + " getLoadSwitchStatus (GET /meters/{serial}/load-switch) (it has: serial, relayState, source, readAt)",
                    "registers.read: parameter 'obis' is not a parameter of readRegister"
                            + " (GET /meters/{serial}/registers/{registerCode}); it has: serial, registerCode",
                    "registers.read: readRegister (GET /meters/{serial}/registers/{registerCode}) requires path parameter"
                            + " 'registerCode', which the binding does not set",
                    "events.list: listMeterEvents (GET /meters/{serial}/events) requires query parameter 'from', which"
                            + " the binding does not set",
                    "display.set: operation 'setDisplayMessage' is not in Testbench reference MDMS API 1.0.0");
            assertThat(impact.breaks()).extracting(BindingBreak::reason).containsExactly(Kind.POINTER_NOT_IN_SCHEMA,
                    Kind.UNKNOWN_PARAMETER, Kind.MISSING_PARAMETER, Kind.MISSING_PARAMETER, Kind.UNKNOWN_OPERATION);
        }
    }

    @Test
    void refusesACatalogWhoseFileChangedSinceItsImport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mdms.yaml");
        Files.copy(Specs.path("mdms-v1.yaml"), file);
        ApiCatalog imported = SpecImporter.defaults().importFile(file);
        Files.writeString(file, Files.readString(file).replace("version: 1.0.0", "version: 1.0.1"));
        assertThatThrownBy(() -> ApiDiff.compare(imported, Specs.load("mdms-v2.yaml")))
                .isInstanceOf(SpecImportException.class)
                .hasMessageStartingWith("mdms.yaml: the file changed since it was imported (SHA-256 was ");
    }

    @Test
    void comparesTwoImportedCatalogs() throws Exception {
        ApiDiffReport report = ApiDiff.compare(Specs.load("mdms-v1.yaml"), Specs.load("mdms-v1.yaml"));
        assertThat(report.changes()).isEmpty();
        assertThat(report.isBreaking()).isFalse();
    }
}
