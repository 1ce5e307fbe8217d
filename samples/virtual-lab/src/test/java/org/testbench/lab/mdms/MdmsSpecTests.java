package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** samples/openapi parses as the bench's importer reads it, and v2 differs from v1 as documented. */
class MdmsSpecTests {

    private static final Path OPENAPI = Path.of("..", "openapi");

    static OpenAPI parse(String file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(OPENAPI.resolve(file).toString(), null, options);
        assertThat(result.getMessages()).as("parser messages for %s", file).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    /** operationId to "METHOD path". */
    static Map<String, String> operations(OpenAPI api) {
        Map<String, String> operations = new TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(operation.getOperationId(), method + " " + path)));
        return operations;
    }

    /** Shared responses stay references after resolve(); follow them. */
    private static ApiResponse resolved(OpenAPI api, ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getResponses().get(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdms-v1.yaml", "mdms-v2.yaml"})
    void specParsesWithoutMessagesAndDocumentsEveryOperation(String file) {
        OpenAPI api = parse(file);

        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
        assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getDescription())
                .contains("Mutual TLS").contains("mutualTLS");
        for (PathItem item : api.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                assertThat(operation.getOperationId()).isNotBlank();
                assertThat(operation.getDescription()).as(operation.getOperationId()).isNotBlank();
                Map<String, ApiResponse> responses = operation.getResponses();
                assertThat(responses.keySet()).as(operation.getOperationId()).contains("500");
                responses.forEach((code, declared) -> {
                    ApiResponse response = resolved(api, declared);
                    assertThat(response.getDescription()).isNotBlank();
                    if (code.startsWith("4") || code.startsWith("5")) {
                        assertThat(response.getContent().get("application/json").getSchema().get$ref())
                                .as("%s %s", operation.getOperationId(), code).endsWith("/Error");
                    }
                });
                boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
                if (!open) {
                    assertThat(responses.keySet()).as(operation.getOperationId()).contains("401", "403");
                }
            }
        }
        assertThat(api.getComponents().getSchemas().get("Error").getRequired()).containsExactly("code", "message");
    }

    @Test
    void v1HasTheOperationsTheBenchBindsTo() {
        assertThat(operations(parse("mdms-v1.yaml"))).containsExactlyInAnyOrderEntriesOf(new LinkedHashMap<>(Map.ofEntries(
                Map.entry("getHealth", "GET /health"),
                Map.entry("listMeters", "GET /meters"),
                Map.entry("getMeter", "GET /meters/{serial}"),
                Map.entry("getLoadSwitchStatus", "GET /meters/{serial}/load-switch"),
                Map.entry("createLoadSwitchCommand", "POST /meters/{serial}/load-switch/commands"),
                Map.entry("getCommand", "GET /commands/{commandId}"),
                Map.entry("readRegister", "GET /meters/{serial}/registers/{obis}"),
                Map.entry("listMeterEvents", "GET /meters/{serial}/events"),
                Map.entry("exportMeterKeys", "POST /meters/{serial}/keys"),
                Map.entry("startNewBillingPeriod", "POST /meters/{serial}/billing/new-period"),
                Map.entry("setDisplayMessage", "POST /meters/{serial}/display"),
                Map.entry("listEventNotifications", "GET /meters/{serial}/notifications"))));
    }

    @Test
    void v2MovesTheCommandStatusAndAddsOnlyOptionalThings() {
        OpenAPI v1 = parse("mdms-v1.yaml");
        OpenAPI v2 = parse("mdms-v2.yaml");
        Map<String, String> before = operations(v1);
        Map<String, String> after = operations(v2);

        // The one breaking change.
        assertThat(before.get("getCommand")).isEqualTo("GET /commands/{commandId}");
        assertThat(after.get("getCommand")).isEqualTo("GET /meters/{serial}/commands/{commandId}");
        assertThat(v2.getPaths()).doesNotContainKey("/commands/{commandId}");
        // Every other v1 operation is unchanged in place.
        before.forEach((id, where) -> {
            if (!id.equals("getCommand")) {
                assertThat(after).containsEntry(id, where);
            }
        });
        // Compatible additions.
        assertThat(after).containsEntry("listMeterCommands", "GET /meters/{serial}/commands");
        assertThat(v2.getPaths().get("/meters/{serial}/load-switch").getGet().getParameters())
                .anySatisfy(parameter -> {
                    assertThat(parameter.getName()).isEqualTo("maxAge");
                    assertThat(parameter.getRequired()).isFalse();
                });
        assertThat(v2.getComponents().getSchemas().get("LoadSwitchCommandRequest").getRequired())
                .containsExactly("action");
        assertThat(v2.getComponents().getSchemas().get("LoadSwitchCommandRequest").getProperties())
                .containsKeys("action", "correlationId");
        assertThat(v2.getComponents().getSchemas().get("Command").getProperties()).containsKeys("attempts", "correlationId");
        assertThat(v2.getComponents().getSchemas().get("Command").getRequired())
                .containsExactlyInAnyOrderElementsOf(v1.getComponents().getSchemas().get("Command").getRequired());
        assertThat(v2.getComponents().getSchemas().get("Communication").getProperties()).containsKey("technology");
        assertThat(Set.copyOf(v2.getComponents().getSchemas().keySet()))
                .containsAll(v1.getComponents().getSchemas().keySet());
    }
}
