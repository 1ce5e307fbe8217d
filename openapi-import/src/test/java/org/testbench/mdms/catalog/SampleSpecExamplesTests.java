package org.testbench.mdms.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the project's reference OpenAPI documents ({@code samples/openapi}) is valid against the schema
 * it illustrates, checked by the JSON schema validator the client checks answers with (networknt, in the
 * document's OpenAPI dialect): media-type examples (inline, named, or {@code $ref} to
 * {@code components/examples}), parameter examples, and the {@code example} of every schema down to nested
 * properties and items. An engineer copies these examples; the suggester learns id templates and units from them.
 */
class SampleSpecExamplesTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> referenceSpecs() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples")
                .resolve("openapi");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> specs = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(specs).as("reference specs in %s", dir).isNotEmpty();
            return specs.stream();
        }
    }

    /** One example and the schema it must satisfy, named by where it is in the document. */
    private record Example(String where, JsonNode schema, JsonNode value) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceSpecs")
    void everyExampleIsValidAgainstItsOwnSchema(Path spec) throws IOException {
        JsonNode document = YAML.readTree(spec.toFile());
        assertThat(document.path("openapi").asText()).as("an OpenAPI 3.x document").startsWith("3.");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(document.path("openapi").asText().startsWith("3.1")
                ? Dialects.getOpenApi31() : Dialects.getOpenApi30());
        List<Example> examples = new ArrayList<>();
        collect(document, document, "", examples);
        assertThat(examples).as("%s has examples to check", spec.getFileName()).isNotEmpty();

        List<String> invalid = new ArrayList<>();
        for (Example example : examples) {
            ObjectNode root = example.schema().isObject() ? (ObjectNode) example.schema().deepCopy()
                    : YAML.createObjectNode();
            // The schema's $refs point to #/components/…: give it the document's components as siblings.
            root.set("components", document.path("components"));
            Schema schema = registry.getSchema(root);
            schema.validate(example.value()).forEach(error -> invalid.add(example.where() + ": "
                    + error.getInstanceLocation() + " " + error.getMessage()));
        }
        assertThat(invalid).as("%s: %d examples checked", spec.getFileName(), examples.size()).isEmpty();
    }

    /** Walks the document: media types, parameters and schemas with examples. */
    private static void collect(JsonNode document, JsonNode node, String path, List<Example> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(document, node.get(i), path + "/" + i, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean mediaOrParameter = node.has("schema") && (path.contains("/content/") || path.contains("parameters"));
        if (mediaOrParameter) {
            JsonNode schema = node.get("schema");
            if (node.has("example")) {
                out.add(new Example(path + "/example", schema, node.get("example")));
            }
            Iterator<Map.Entry<String, JsonNode>> named = node.path("examples").fields();
            while (named.hasNext()) {
                Map.Entry<String, JsonNode> e = named.next();
                JsonNode example = resolve(document, e.getValue());
                if (example.has("value")) {
                    out.add(new Example(path + "/examples/" + e.getKey(), schema, example.get("value")));
                }
            }
        }
        if (isSchema(path) && node.has("example")) {
            out.add(new Example(path + "/example", node, node.get("example")));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            // An example's value is data, not more document.
            boolean data = !path.endsWith("/properties")
                    && (field.getKey().equals("example") || field.getKey().equals("examples") && mediaOrParameter);
            if (!data) {
                collect(document, field.getValue(), path + "/" + field.getKey().replace("/", "~1"), out);
            }
        }
    }

    /** Whether the object at this path is a schema: under a {@code schema}, a component schema, or inside one. */
    private static boolean isSchema(String path) {
        return path.matches(".*/schema(/.*)?") || path.startsWith("/components/schemas/");
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.asText().startsWith("#") ? document.at(ref.asText().substring(1)) : node;
    }
}
