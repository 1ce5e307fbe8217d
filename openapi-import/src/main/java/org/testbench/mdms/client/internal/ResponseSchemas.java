package org.testbench.mdms.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testbench.mdms.catalog.ApiSchema;
import org.testbench.mdms.catalog.SchemaDialect;

/**
 * Validates answers against the documented response schemas with networknt's validator, in the
 * document's dialect (OpenAPI 3.0 knows {@code nullable}; 3.1 is JSON Schema 2020-12). Compiled schemas
 * are kept per response: a load test validates the same few schemas thousands of times.
 */
public final class ResponseSchemas {

    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry openApi30 = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
    private final SchemaRegistry openApi31 = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());

    /**
     * The violations, each as {@code /path: message}, at most {@code limit}.
     *
     * @param cacheKey names the response (operation, status, media type)
     */
    public List<String> validate(String cacheKey, ApiSchema schema, JsonNode body, int limit) {
        Schema validator = compiled.computeIfAbsent(cacheKey, k -> compile(schema));
        List<Error> errors = validator.validate(body);
        return errors.stream().limit(limit).map(ResponseSchemas::describe).toList();
    }

    private Schema compile(ApiSchema schema) {
        // The schema's $refs point to #/components/schemas/…: give it the components as siblings.
        JsonNode node = schema.json();
        ObjectNode root;
        if (node instanceof ObjectNode object) {
            root = object;
        } else {
            root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            root.set("allOf", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(node));
        }
        root.set("components", schema.components().copyAsDocument().get("components"));
        SchemaRegistry registry = schema.dialect() == SchemaDialect.OPENAPI_3_1 ? openApi31 : openApi30;
        return registry.getSchema(root);
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        return message != null && message.startsWith(where) ? message : where + ": " + message;
    }
}
