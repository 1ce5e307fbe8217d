package org.testbench.sequences.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator the verdict matrix relies on refuses what breaks a document: a body value outside its enum, a
 * path parameter outside its pattern, a request without the credentials the document requires; and accepts the
 * same requests done right. Requests outside the API's base path are not its to judge.
 */
class PrismValidatorTests {

    private static final String BASE = "/v1";
    private static PrismValidator prism;

    @BeforeAll
    static void start() throws Exception {
        prism = PrismValidator.start(Path.of("..", "samples", "openapi", "metercloud-v1.yaml"));
    }

    @AfterAll
    static void stop() {
        if (prism != null) {
            prism.close();
        }
    }

    private static RecordingProxy.Recorded request(String method, String path, String body, String... headers) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new RecordingProxy.Recorded(method, path, null, map, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsThatFollowTheDocumentPass() throws Exception {
        assertThat(prism.violations(List.of(
                request("POST", BASE + "/meters/MTR-26000001/supply", "{\"target\":\"disconnected\"}",
                        "X-Api-Key", "k", "Content-Type", "application/json"),
                request("GET", BASE + "/meters/MTR-26000001", "", "X-Api-Key", "k"),
                request("POST", "/oauth/token", "grant_type=client_credentials")), BASE)).isEmpty();
    }

    @Test
    void requestsThatBreakTheDocumentAreRefusedOneByOne() throws Exception {
        List<String> refused = prism.violations(List.of(
                request("POST", BASE + "/meters/MTR-26000001/supply", "{\"target\":\"off\"}",
                        "X-Api-Key", "k", "Content-Type", "application/json"),
                request("GET", BASE + "/meters/26000001", "", "X-Api-Key", "k"),
                request("GET", BASE + "/meters/MTR-26000001", "")), BASE);
        assertThat(refused).hasSize(3);
        assertThat(refused.get(0)).startsWith("POST /v1/meters/MTR-26000001/supply {\"target\":\"off\"} → 4");
        assertThat(refused.get(1)).startsWith("GET /v1/meters/26000001  → 4");
        assertThat(refused.get(2)).startsWith("GET /v1/meters/MTR-26000001  → 401");
    }
}
