package org.testbench.mdms.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.catalog.SpecImportException.Problem;
import org.testbench.mdms.testing.Specs;

class SpecImporterTests {

    private static SpecImportException importFailure(Path file) {
        return importFailure(SpecImporter.defaults(), file);
    }

    private static SpecImportException importFailure(SpecImporter importer, Path file) {
        try {
            importer.importFile(file);
        } catch (SpecImportException e) {
            return e;
        }
        throw new AssertionError(file + " imported although it should not");
    }

    @Nested
    class OpenApi30 {

        private final ApiCatalog catalog = Specs.load("mdms-v1.yaml");

        @Test
        void readsInfoServersAndSecurity() throws Exception {
            assertThat(catalog.specVersion()).isEqualTo(SpecVersion.OPENAPI_3_0);
            assertThat(catalog.title()).isEqualTo("Testbench reference MDMS API");
            assertThat(catalog.version()).isEqualTo("1.0.0");
            assertThat(catalog.servers()).extracting(ApiServer::url)
                    .containsExactly("https://mdms.example.net", "http://127.0.0.1:{port}");
            assertThat(catalog.securitySchemes()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("bearerAuth");
                assertThat(s.type()).isEqualTo(SecurityScheme.Type.HTTP_BEARER);
            });
            byte[] bytes = Files.readAllBytes(Specs.path("mdms-v1.yaml"));
            assertThat(catalog.source().sha256())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(catalog.source().sizeBytes()).isEqualTo(bytes.length);
        }

        @Test
        void listsEveryOperationInDocumentOrderWithItsLocation() {
            assertThat(catalog.operations()).extracting(ApiOperation::name).containsExactly(
                    "getHealth", "listMeters", "getMeter", "getLoadSwitchStatus", "createLoadSwitchCommand",
                    "getCommand", "readRegister", "listMeterEvents", "listEventNotifications", "exportMeterKeys",
                    "startNewBillingPeriod", "setDisplayMessage");
            ApiOperation getMeter = catalog.operation("getMeter").orElseThrow();
            assertThat(getMeter.key()).isEqualTo(OperationKey.parse("GET /meters/{serial}"));
            assertThat(getMeter.location()).hasValueSatisfying(l -> assertThat(l.line()).isGreaterThan(100));
            assertThat(catalog.operation(OperationKey.parse("POST /meters/{serial}/keys")))
                    .map(ApiOperation::name).hasValue("exportMeterKeys");
        }

        @Test
        void mergesPathLevelParametersAndFollowsParameterReferences() {
            ApiOperation read = catalog.operation("readRegister").orElseThrow();
            assertThat(read.parameters()).extracting(ApiParameter::name).containsExactly("serial", "obis");
            ApiParameter serial = read.parameter("serial").orElseThrow();
            assertThat(serial.location()).isEqualTo(ParameterLocation.PATH);
            assertThat(serial.required()).isTrue();
            assertThat(serial.hasExample()).isTrue();
            assertThat(serial.schema()).hasValueSatisfying(s -> assertThat(s.type()).hasValue("string"));
        }

        @Test
        void keepsRequestBodiesResponsesSchemasAndExamples() {
            ApiOperation command = catalog.operation("createLoadSwitchCommand").orElseThrow();
            ApiRequestBody body = command.requestBody().orElseThrow();
            assertThat(body.required()).isTrue();
            assertThat(body.json()).hasValueSatisfying(m -> {
                assertThat(m.examples()).hasSize(2);
                assertThat(m.schema().orElseThrow().propertyNames()).containsExactly("action");
            });
            assertThat(command.responses().keySet()).extracting(ResponseStatus::key)
                    .containsExactly("202", "400", "401", "403", "404", "409", "500");
            ApiResponse accepted = command.responseFor(202).orElseThrow();
            ApiSchema schema = accepted.schema().orElseThrow();
            assertThat(schema.componentName()).hasValue("Command");
            assertThat(schema.check(JsonPointer.compile("/commandId"))).isEqualTo(PointerCheck.DECLARED);
            assertThat(schema.check(JsonPointer.compile("/reason/code"))).isEqualTo(PointerCheck.DECLARED);
            assertThat(schema.check(JsonPointer.compile("/state"))).isEqualTo(PointerCheck.ABSENT);
            assertThat(schema.check(JsonPointer.compile("/status/deep"))).isEqualTo(PointerCheck.ABSENT);
            assertThat(accepted.hasExamples()).isTrue();
        }

        @Test
        void takesSecurityFromTheOperationOrElseTheDocument() {
            assertThat(catalog.operation("getHealth").orElseThrow().security()).isEmpty();
            assertThat(catalog.operation("getMeter").orElseThrow().security())
                    .singleElement().satisfies(r -> assertThat(r.schemes()).containsOnlyKeys("bearerAuth"));
        }

        @Test
        void hasNoWarningsForAValidDocument() {
            assertThat(catalog.warnings()).isEmpty();
        }
    }

    @Nested
    class OpenApi31 {

        private final ApiCatalog catalog = Specs.load("mdms-3.1.yaml");

        @Test
        void readsTypeArraysConstAndMutualTls() {
            assertThat(catalog.specVersion()).isEqualTo(SpecVersion.OPENAPI_3_1);
            assertThat(catalog.securitySchemes()).extracting(SecurityScheme::type)
                    .containsExactly(SecurityScheme.Type.HTTP_BEARER, SecurityScheme.Type.MUTUAL_TLS);
            ApiSchema meter = catalog.operation("getMeter").orElseThrow().responseFor(200).orElseThrow()
                    .schema().orElseThrow();
            assertThat(meter.dialect()).isEqualTo(SchemaDialect.OPENAPI_3_1);
            assertThat(meter.property("firmware").orElseThrow().type()).hasValue("string");
            assertThat(meter.check(JsonPointer.compile("/communication/status"))).isEqualTo(PointerCheck.DECLARED);
        }

        @Test
        void acceptsOperationsWithoutResponsesAndMatchesRanges() {
            ApiOperation ping = catalog.operation("pingMeter").orElseThrow();
            assertThat(ping.responses()).isEmpty();
            assertThat(catalog.warnings()).noneMatch(w -> w.contains("responses is missing"));
            ApiOperation get = catalog.operation("getMeter").orElseThrow();
            assertThat(get.responseFor(503)).map(r -> r.status().key()).hasValue("5XX");
            assertThat(get.responseFor(404).orElseThrow().json()).map(ApiMediaType::mediaType)
                    .hasValue("application/problem+json");
        }

        @Test
        void keepsSchemaLevelExamples() {
            ApiMediaType body = catalog.operation("getMeter").orElseThrow().responseFor(200).orElseThrow()
                    .json().orElseThrow();
            // The example is on the referenced component, not inline: it does not count for this body.
            assertThat(body.schema()).isPresent();
            assertThat(catalog.operation("switchLoad").orElseThrow().requestBody().orElseThrow().hasExamples()).isTrue();
        }
    }

    @Nested
    class Swagger20 {

        private final ApiCatalog catalog = Specs.load("mdms-swagger2.yaml");

        @Test
        void convertsToTheSameModel() {
            assertThat(catalog.specVersion()).isEqualTo(SpecVersion.SWAGGER_2_0);
            assertThat(catalog.servers()).extracting(ApiServer::url).containsExactly("https://legacy-mdms.example.com/api/v1");
            assertThat(catalog.securitySchemes()).singleElement().satisfies(s -> {
                assertThat(s.type()).isEqualTo(SecurityScheme.Type.API_KEY);
                assertThat(s.detail()).isEqualTo("header X-Api-Key");
            });
            ApiOperation relay = catalog.operation("setRelay").orElseThrow();
            assertThat(relay.parameters()).extracting(ApiParameter::name).containsExactly("serial", "force");
            assertThat(relay.requestBody().orElseThrow().json().orElseThrow().schema().orElseThrow().propertyNames())
                    .containsExactly("state");
            ApiSchema meter = catalog.operation("getMeter").orElseThrow().responseFor(200).orElseThrow()
                    .schema().orElseThrow();
            assertThat(meter.componentName()).hasValue("Meter");
            assertThat(meter.check(JsonPointer.compile("/firmware"))).isEqualTo(PointerCheck.DECLARED);
            assertThat(catalog.operation("getMeter").orElseThrow().responseFor(200).orElseThrow().hasExamples()).isTrue();
        }
    }

    @Nested
    class YamlFeatures {

        @Test
        void expandsAnchorsAliasesAndMergeKeys(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("anchors.yaml");
            Files.writeString(file, """
                    openapi: 3.0.3
                    info: {title: Anchors, version: '1'}
                    paths:
                      /meters/{serial}:
                        get:
                          operationId: getMeter
                          parameters:
                            - &serial {name: serial, in: path, required: true, schema: {type: string}}
                          responses:
                            '200': &ok
                              description: The meter.
                              content:
                                application/json:
                                  schema:
                                    <<: &base {type: object, properties: {serial: {type: string}}}
                                    description: merged
                      /meters/{serial}/twin:
                        get:
                          parameters: [*serial]
                          responses:
                            '200': *ok
                    """);
            ApiCatalog catalog = SpecImporter.defaults().importFile(file);
            ApiOperation twin = catalog.operation(OperationKey.parse("GET /meters/{serial}/twin")).orElseThrow();
            assertThat(twin.parameter("serial")).isPresent();
            assertThat(twin.responseFor(200).orElseThrow().schema().orElseThrow().propertyNames()).containsExactly("serial");
        }

        /** YAML 1.1 reads unquoted ON/OFF/yes/no as booleans; a string schema means the words the author wrote. */
        @Test
        void keepsUnquotedRelayWordsOfAStringEnumAsWritten(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("relay.yaml");
            Files.writeString(file, """
                    openapi: 3.0.3
                    info: {title: Relay, version: '1'}
                    paths:
                      /meters/{serial}/relay:
                        get:
                          operationId: getRelay
                          parameters: [{name: serial, in: path, required: true, schema: {type: string}}]
                          responses:
                            '200':
                              description: The relay.
                              content:
                                application/json:
                                  schema:
                                    type: object
                                    properties:
                                      relay: {type: string, enum: [ON, OFF, Yes, no, y, N, TRUE, false]}
                                      armed: {type: boolean, enum: [true, false]}
                    """);
            ApiSchema answer = SpecImporter.defaults().importFile(file).operation("getRelay").orElseThrow()
                    .responseFor(200).orElseThrow().schema().orElseThrow();
            assertThat(answer.property("relay").orElseThrow().enumValues())
                    .containsExactly("ON", "OFF", "Yes", "no", "y", "N", "TRUE", "false");
            assertThat(answer.property("armed").orElseThrow().enumValues()).containsExactly("true", "false");
        }

        @Test
        void readsAVersionWrittenAsANumberAndSaysSo(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("number.yaml");
            Files.writeString(file, "openapi: 3.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
            ApiCatalog catalog = SpecImporter.defaults().importFile(file);
            assertThat(catalog.specVersion()).isEqualTo(SpecVersion.OPENAPI_3_0);
            assertThat(catalog.warnings()).contains("'openapi' is written as a number (3.0); it should be a quoted string");
        }

        @Test
        void refusesASecondDocumentInTheFile(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("two.yaml");
            Files.writeString(file, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n---\nopenapi: 3.1.0\n");
            assertThat(importFailure(file).getMessage())
                    .isEqualTo("two.yaml:5:1: not well-formed YAML: unexpected content after the end of the document");
        }
    }

    @Nested
    class BadFiles {

        @Test
        void malformedYamlNamesLineAndColumn() {
            SpecImportException e = importFailure(Specs.path("bad/malformed.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.SYNTAX);
            assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(11));
            assertThat(e.getMessage()).startsWith("malformed.yaml:11:").contains("not well-formed YAML");
        }

        @Test
        void truncatedJsonSaysWhereItEnds() {
            SpecImportException e = importFailure(Specs.path("bad/truncated.json"));
            assertThat(e.problem()).isEqualTo(Problem.SYNTAX);
            assertThat(e.getMessage()).startsWith("truncated.json:8:").contains("not well-formed JSON")
                    .containsIgnoringCase("end-of-input");
        }

        @Test
        void truncatedYamlSaysWhereItEnds() {
            SpecImportException e = importFailure(Specs.path("bad/truncated.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.SYNTAX);
            assertThat(e.getMessage()).isEqualTo("truncated.yaml:8:29: not well-formed YAML: found unexpected end of stream"
                    + " (while scanning a quoted scalar)");
        }

        @Test
        void refusesAnotherKindOfYamlDocument() {
            SpecImportException e = importFailure(Specs.path("bad/not-openapi.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.NOT_OPENAPI);
            assertThat(e.getMessage()).isEqualTo(
                    "not-openapi.yaml:1:1: not an OpenAPI document: no top-level 'openapi' or 'swagger' field (found: services)");
        }

        @Test
        void refusesAJsonList() {
            assertThat(importFailure(Specs.path("bad/list.json")).getMessage())
                    .contains("the top level is a list, not a mapping");
        }

        @Test
        void danglingReferenceNamesTheLineAndWhatExists() {
            SpecImportException e = importFailure(Specs.path("bad/unresolved-ref.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.UNRESOLVED_REFERENCE);
            assertThat(e.getMessage()).isEqualTo("unresolved-ref.yaml:19:17: $ref '#/components/schemas/Meterr' points to"
                    + " nothing in this document; '#/components/schemas' holds Meter, Command");
        }

        @Test
        void referenceToAMissingFileNamesTheFile() {
            SpecImportException e = importFailure(Specs.path("bad/missing-file-ref.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.UNRESOLVED_REFERENCE);
            assertThat(e.getMessage()).contains("missing-file-ref.yaml:14:17:").contains("schemas/meters.yaml")
                    .contains("does not exist");
        }

        @Test
        void remoteReferencesAreNotFetched(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("remote.yaml");
            Files.writeString(file, """
                    openapi: 3.0.3
                    info: {title: Remote, version: '1'}
                    paths:
                      /x:
                        get:
                          responses:
                            '200':
                              $ref: 'https://vendor.example.com/common.yaml#/responses/Ok'
                    """);
            SpecImportException e = importFailure(file);
            assertThat(e.problem()).isEqualTo(Problem.UNRESOLVED_REFERENCE);
            assertThat(e.getMessage()).startsWith("remote.yaml:8:").contains("does not fetch remote references");
        }

        @Test
        void duplicateKeyIsRefusedAtItsSecondOccurrence() {
            SpecImportException e = importFailure(Specs.path("bad/duplicate-key.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.SYNTAX);
            assertThat(e.getMessage()).isEqualTo("duplicate-key.yaml:11:5: not well-formed YAML: duplicate key 'get'");
        }

        @Test
        void unsupportedVersionNamesTheVersion() {
            SpecImportException e = importFailure(Specs.path("bad/unsupported-version.yaml"));
            assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_VERSION);
            assertThat(e.getMessage()).isEqualTo("unsupported-version.yaml:1:1: swagger version '1.2' is not supported"
                    + " (expected OpenAPI 3.0.x, 3.1.x or Swagger 2.0)");
        }

        @Test
        void invalidUtf8GivesTheByteAndItsPlace(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("latin1.yaml");
            byte[] text = "openapi: 3.0.3\ninfo:\n  title: Z\u00e4hler\n".getBytes(StandardCharsets.ISO_8859_1);
            Files.write(file, text);
            SpecImportException e = importFailure(file);
            assertThat(e.problem()).isEqualTo(Problem.ENCODING);
            assertThat(e.getMessage()).isEqualTo("latin1.yaml:3:11: not UTF-8 text: byte 0xe4 at offset 31");
        }

        @Test
        void overSizeIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("big.yaml");
            Files.writeString(file, "openapi: 3.0.3\n" + "#".repeat(2000) + "\n");
            SpecImportException e = importFailure(SpecImporter.defaults().withMaxFileSize(1024), file);
            assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("big.yaml: 2,016 bytes is over the import limit of 1,024 bytes"
                    + " (raise it with SpecImporter.withMaxFileSize)");
        }

        @Test
        void missingFileAndEmptyFileAreNamed(@TempDir Path dir) throws Exception {
            SpecImportException missing = importFailure(dir.resolve("nope.yaml"));
            assertThat(missing.problem()).isEqualTo(Problem.UNREADABLE);
            assertThat(missing.getMessage()).startsWith("nope.yaml: no such file");
            Path empty = Files.createFile(dir.resolve("empty.yaml"));
            assertThat(importFailure(empty).getMessage()).isEqualTo("empty.yaml: the file is empty");
        }

        @Test
        void documentTheParserCannotUseIsRefusedWithTheParsersMessages(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("paths-list.yaml");
            Files.writeString(file, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: [1, 2]\n");
            ApiCatalog catalog = SpecImporter.defaults().importFile(file);
            // The parser keeps what it can and says what it dropped; the audit lists it.
            assertThat(catalog.operations()).isEmpty();
            assertThat(catalog.warnings()).anyMatch(w -> w.contains("paths"));
        }
    }
}
