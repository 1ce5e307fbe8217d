package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testbench import} on the reference API's two versions, each run a separate JVM running the jar. */
class ImportCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolveSibling("samples");

    @TempDir
    Path dir;

    private static String sample(String path) {
        return SAMPLES.resolve(path).toString();
    }

    @Test
    void importsTheCatalogWithItsAuditFigures() throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "import", sample("openapi/mdms-v1.yaml"), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("catalog").get("title").asText()).isEqualTo("Testbench reference MDMS API");
        assertThat(json.get("catalog").get("version").asText()).isEqualTo("1.0.0");
        assertThat(json.get("catalog").get("operationCount").asInt()).isEqualTo(12)
                .isEqualTo(json.get("catalog").get("operations").size());
        JsonNode audit = json.get("audit");
        assertThat(audit.get("figures")).hasSize(10);
        JsonNode description = audit.get("figures").get(0);
        assertThat(description.get("figure").asText()).isEqualTo("DESCRIPTION");
        assertThat(description.get("count").asInt()).isEqualTo(12);
        assertThat(description.get("total").asInt()).isEqualTo(12);
        assertThat(description.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(audit.get("errors").asInt()).isEqualTo(1); // GET /health documents no 4xx
        JsonNode health = audit.get("operations").get(0);
        assertThat(health.get("operation").asText()).isEqualTo("GET /health");
        assertThat(health.get("missing").findValuesAsText("rule")).contains("CLIENT_ERRORS_UNDOCUMENTED");
        assertThat(json.get("diff").isNull()).isTrue();
        assertThat(json.get("binding").get("suggested").get("capabilities")).hasSize(11);
        assertThat(json.get("binding").get("checked").isNull()).isTrue();
    }

    @Test
    void theBreakingChangeOfV2BreaksTheV1BindingAndFailsTheVerification() throws Exception {
        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "import", sample("openapi/mdms-v2.yaml"), "--previous",
                sample("openapi/mdms-v1.yaml"), "--binding", sample("bindings/mdms-v1.binding.yaml"), "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("verification failed").contains("command.status");
        JsonNode json = JSON.readTree(r.out());
        JsonNode diff = json.get("diff");
        assertThat(diff.get("previous").get("version").asText()).isEqualTo("1.0.0");
        assertThat(diff.get("breaking").asBoolean()).isTrue();
        assertThat(diff.get("breakingCount").asInt()).isEqualTo(1);
        JsonNode removed = diff.get("changes").get(0);
        assertThat(removed.get("kind").asText()).isEqualTo("REMOVED");
        assertThat(removed.get("compatibility").asText()).isEqualTo("BREAKING");
        assertThat(removed.get("sentence").asText()).isEqualTo("BREAKING: GET /commands/{commandId} (getCommand) was"
                + " removed (operationId getCommand is now GET /meters/{serial}/commands/{commandId})");
        assertThat(diff.get("compatibleCount").asInt()).isPositive();
        JsonNode checked = json.get("binding").get("checked");
        assertThat(checked.get("usable").asBoolean()).isFalse();
        assertThat(checked.get("broken").asBoolean()).isTrue();
        JsonNode broken = checked.get("brokenByDiff");
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).get("capability").asText()).isEqualTo("command.status");
        assertThat(broken.get(0).get("reason").asText()).isEqualTo("MISSING_PARAMETER");
        assertThat(broken.get(0).get("message").asText()).contains("requires path parameter 'serial'");
    }

    @Test
    void printsTheChangesInSentencesAndWritesTheSuggestedBinding() throws Exception {
        Path out = dir.resolve("bindings").resolve("v2.binding.yaml");

        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "import", sample("openapi/mdms-v2.yaml"), "--previous",
                sample("openapi/mdms-v1.yaml"), "--binding-out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero(); // no binding to break
        assertThat(r.out()).contains("Testbench reference MDMS API 2.0.0: OpenAPI 3.0, 13 operations")
                .contains("Documentation audit: 1 error, 0 warnings, 1 note")
                .contains("Changes from 1.0.0").contains("1 breaking")
                .contains("COMPATIBLE: new endpoint GET /meters/{serial}/commands (listMeterCommands)")
                .contains("Suggested binding: 11 of 11 capabilities bound, written to " + out);
        String yaml = Files.readString(out);
        Path spec = out.getParent().resolve(yaml.lines().filter(l -> l.startsWith("spec: ")).findFirst().orElseThrow()
                .substring(6).replace("\"", "")).normalize();
        assertThat(spec).isEqualTo(SAMPLES.resolve("openapi/mdms-v2.yaml").normalize());
        assertThat(yaml).contains("command.status:\n    operation: getCommand\n    parameters:\n      serial: ");
    }

    @Test
    void aMalformedSpecIsOneLineWithFileLineAndColumn() throws Exception {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "openapi: 3.0.3\ninfo:\n  title: broken\n  version: '1'\npaths:\n  /meters:\n"
                + "    get: {responses: {'200': {description: ok}}\n");

        TestbenchJar.Result r = TestbenchJar.run(Map.of(), "import", bad.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .matches("testbench import: broken\\.yaml:\\d+:\\d+: not well-formed YAML: .*");
    }
}
