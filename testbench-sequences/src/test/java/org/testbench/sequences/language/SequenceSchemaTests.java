package org.testbench.sequences.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/sequence.schema.json is what engineers' editors check sequences with: it must accept every sequence
 * of the lab's library and know every step the parser knows (steps are added by several hands).
 */
class SequenceSchemaTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = Path.of("..", "docs", "sequence.schema.json");
    private static final Path LIBRARY = Path.of("..", "samples", "sequences");

    static Stream<Path> library() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("library")
    void everySequenceOfTheLibraryFollowsTheSchema(Path file) throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012())
                .getSchema(JSON.readTree(SCHEMA.toFile()));
        Object yaml = new Yaml().load(Files.readString(file));
        JsonNode sequence = JSON.valueToTree(yaml);

        assertThat(schema.validate(sequence)).as(file.toString()).isEmpty();
        assertThat(SequenceParser.parse(file).steps()).isNotEmpty();
    }

    @Test
    void theSchemaKnowsEveryStepTheParserKnows() throws Exception {
        JsonNode schema = JSON.readTree(SCHEMA.toFile());
        JsonNode stepPattern = schema.get("$defs").get("step").get("patternProperties");
        Iterator<String> patterns = stepPattern.fieldNames();
        Pattern actionKey = Pattern.compile(patterns.next());
        List<String> actionProperties = new ArrayList<>();
        schema.get("$defs").get("action").get("properties").fieldNames().forEachRemaining(actionProperties::add);

        for (String kind : SequenceParser.STEP_KINDS) {
            assertThat(actionKey.matcher(kind).matches()).as("the step's action keys admit %s", kind).isTrue();
            assertThat(actionProperties).as("the schema describes %s", kind).contains(kind);
        }
        assertThat(actionKey.matcher("meter.nonsense").matches()).isFalse();
    }
}
