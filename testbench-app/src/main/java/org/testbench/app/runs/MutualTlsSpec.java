package org.testbench.app.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Makes the copy of an MDMS's OpenAPI document that a lab demanding client certificates hands out say so: OpenAPI
 * 3.1 declares mutual TLS as a security scheme of type {@code mutualTLS} (3.0 cannot), so the document becomes 3.1
 * (its {@code nullable} schemas written the 3.1 way, {@code type: [T, "null"]}), gains the scheme {@value #SCHEME},
 * and every security requirement — the document's and each operation's, open ones included, since the handshake
 * comes before any HTTP — requires it as well as what it required before.
 */
public final class MutualTlsSpec {

    /** The name of the added security scheme. */
    public static final String SCHEME = "clientCertificate";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private MutualTlsSpec() {
    }

    /** Rewrites the document in place. */
    public static void require(Path spec) throws IOException {
        // Every string quoted: a YAML 1.1 reader must not take an enum value such as ON or OFF for a boolean.
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
        JsonNode read = yaml.readTree(spec.toFile());
        if (!(read instanceof ObjectNode root) || !root.path("openapi").asText().startsWith("3.")) {
            throw new IOException(spec + ": not an OpenAPI 3 document");
        }
        root.put("openapi", "3.1.0");
        nullableTo31(root);
        ObjectNode schemes = root.withObject("/components/securitySchemes");
        schemes.putObject(SCHEME).put("type", "mutualTLS").put("description", "The bench's TLS client certificate, "
                + "issued by a CA the MDMS trusts; a client without one is refused in the TLS handshake.");
        root.set("security", requiring(root.path("security")));
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            JsonNode item = paths.next().getValue();
            for (String method : METHODS) {
                if (item.path(method) instanceof ObjectNode operation && operation.has("security")) {
                    operation.set("security", requiring(operation.get("security")));
                }
            }
        }
        yaml.writeValue(spec.toFile(), root);
    }

    /** Each requirement also requires the client certificate; none at all (an open operation) becomes it alone. */
    private static ArrayNode requiring(JsonNode requirements) {
        ArrayNode result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        if (requirements.isArray()) {
            for (JsonNode requirement : requirements) {
                if (requirement instanceof ObjectNode object) {
                    result.add(object.deepCopy().set(SCHEME, result.arrayNode()));
                }
            }
        }
        if (result.isEmpty()) {
            result.addObject().set(SCHEME, result.arrayNode());
        }
        return result;
    }

    /** OpenAPI 3.0's {@code nullable: true} is {@code null} among the types in 3.1 (and among the enum's values). */
    private static void nullableTo31(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode nullable = object.get("nullable");
            if (nullable != null && nullable.isBoolean()) {
                object.remove("nullable");
                if (nullable.asBoolean() && object.path("type").isTextual()) {
                    ArrayNode types = object.arrayNode().add(object.get("type").asText()).add("null");
                    object.set("type", types);
                    if (object.path("enum") instanceof ArrayNode values) {
                        values.addNull();
                    }
                }
            }
        }
        node.forEach(MutualTlsSpec::nullableTo31);
    }
}
