package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;

/**
 * The correct MDMS answers only what mdms-v1.yaml documents: every status is declared for its
 * operation, and every JSON body has the required properties of the declared schema.
 */
class MdmsConformanceTests {

    private static OpenAPI spec;
    private static VirtualLab lab;
    private static MdmsHttp mdms;

    @BeforeAll
    static void start() throws Exception {
        spec = MdmsSpecTests.parse("mdms-v1.yaml");
        lab = MdmsLabs.start(2, Set.of());
        mdms = MdmsLabs.client(lab);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private record Call(String operationId, String method, String path, String body, boolean withToken) {
    }

    @Test
    void everyAnswerIsDocumentedForItsOperation() throws Exception {
        String command = mdms.switchLoad("26000001", "OPEN");
        mdms.awaitCommand(command, Duration.ofSeconds(10));
        List<Call> calls = List.of(
                new Call("getHealth", "GET", "/health", null, false),
                new Call("listMeters", "GET", "/meters", null, true),
                new Call("listMeters", "GET", "/meters?limit=9999", null, true),
                new Call("listMeters", "GET", "/meters", null, false),
                new Call("getMeter", "GET", "/meters/26000001", null, true),
                new Call("getMeter", "GET", "/meters/00000000", null, true),
                new Call("getMeter", "GET", "/meters/26000001%21", null, true),
                new Call("getLoadSwitchStatus", "GET", "/meters/26000001/load-switch", null, true),
                new Call("createLoadSwitchCommand", "POST", "/meters/26000002/load-switch/commands",
                        "{\"action\":\"CLOSE\"}", true),
                new Call("createLoadSwitchCommand", "POST", "/meters/26000002/load-switch/commands", "[]", true),
                new Call("getCommand", "GET", "/commands/" + command, null, true),
                new Call("getCommand", "GET", "/commands/00000000-0000-0000-0000-000000000000", null, true),
                new Call("getCommand", "GET", "/commands/x", null, true),
                new Call("readRegister", "GET", "/meters/26000001/registers/1.0.1.8.0.255", null, true),
                new Call("readRegister", "GET", "/meters/26000001/registers/1.0.1.8.0.256", null, true),
                new Call("readRegister", "GET", "/meters/26000001/registers/1.0.1.8.1.255", null, true),
                new Call("listMeterEvents", "GET", "/meters/26000001/events?from=2020-01-01T00:00:00Z", null, true),
                new Call("listMeterEvents", "GET", "/meters/26000001/events?from=soon", null, true),
                new Call("exportMeterKeys", "POST", "/meters/26000001/keys", "{\"recipientCertificate\":\"x\"}", true),
                new Call("startNewBillingPeriod", "POST", "/meters/26000002/billing/new-period", null, true),
                new Call("setDisplayMessage", "POST", "/meters/26000002/display", "{\"visible\":false}", true),
                new Call("setDisplayMessage", "POST", "/meters/26000002/display", "{\"visible\":\"no\"}", true));

        for (Call call : calls) {
            Reply reply = mdms.send(call.method(), call.path(), call.body(),
                    call.withToken() ? Optional.of(MdmsLabs.TOKEN) : Optional.empty());
            Map<String, ApiResponse> documented = operation(call.operationId()).getResponses();
            String status = Integer.toString(reply.status());
            assertThat(documented).as("%s %s answered %s", call.method(), call.path(), status).containsKey(status);
            ApiResponse response = resolved(documented.get(status));
            if (response.getContent() != null) {
                Schema<?> schema = schema(response.getContent().get("application/json").getSchema());
                JsonNode body = reply.json();
                for (String required : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
                    assertThat(body.has(required)).as("%s %s: property %s", call.method(), call.path(), required)
                            .isTrue();
                }
            }
        }
    }

    private static Operation operation(String operationId) {
        return spec.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
                .filter(operation -> operation.getOperationId().equals(operationId)).findFirst().orElseThrow();
    }

    private static ApiResponse resolved(ApiResponse response) {
        return response.get$ref() == null ? response
                : spec.getComponents().getResponses().get(name(response.get$ref()));
    }

    private static Schema<?> schema(Schema<?> schema) {
        return schema.get$ref() == null ? schema : spec.getComponents().getSchemas().get(name(schema.get$ref()));
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
