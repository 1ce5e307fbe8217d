package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.support.MdmsLabs;

/**
 * The gridflow and metercloud front ends over a real lab meter: their own ids, nested bodies, state and status
 * words, units, error formats, async styles and authentication; and the fault profiles acting on them as on the
 * reference API.
 */
class MdmsDialectTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static VirtualLab lab(MdmsDialect dialect, Set<MdmsFault> faults) throws Exception {
        return VirtualLab.start(MdmsLabs.config(1, faults).mdmsDialect(dialect).build());
    }

    private static HttpResponse<String> send(String method, String url, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(VirtualLab lab, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((MdmsDialect.OAUTH2_CLIENT_ID + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send("POST", lab.mdms().rootUrl() + MdmsDialect.TOKEN_PATH,
                "grant_type=client_credentials&scope=hes.devices", "Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isPositive();
        return body.path("access_token").asText();
    }

    @Test
    void gridflowSpeaksItsOwnLanguageBehindOAuth2() throws Exception {
        try (VirtualLab lab = lab(MdmsDialect.GRIDFLOW, Set.of())) {
            String serial = lab.meter(1).serial();
            String base = lab.mdms().url();
            assertThat(base).endsWith("/api/v2");
            assertThat(send("GET", base + "/devices?serialNumber=" + serial, null).statusCode()).isEqualTo(401);
            String bearer = "Bearer " + token(lab, MdmsLabs.TOKEN);

            JsonNode search = JSON.readTree(send("GET", base + "/devices?serialNumber=" + serial, null,
                    "Authorization", bearer).body());
            String deviceId = search.path("items").path(0).path("id").asText();
            assertThat(deviceId).startsWith("dev_").doesNotContain(serial);

            HttpResponse<String> accepted = send("POST", base + "/devices/" + deviceId + "/relay/operations",
                    "{\"operation\":{\"type\":\"DISCONNECT\"}}", "Authorization", bearer,
                    "Content-Type", "application/json");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/api/v2/jobs/");
            String status = "QUEUED";
            for (int i = 0; i < 100 && status.equals("QUEUED"); i++) {
                Thread.sleep(100);
                status = JSON.readTree(send("GET", lab.mdms().rootUrl() + location, null, "Authorization", bearer)
                        .body()).path("status").asText();
            }
            assertThat(status).isEqualTo("SUCCEEDED");
            JsonNode relay = JSON.readTree(send("GET", base + "/devices/" + deviceId + "/relay", null,
                    "Authorization", bearer).body());
            assertThat(relay.path("relay").path("state").asText()).isEqualTo("OFF");

            JsonNode reading = JSON.readTree(send("GET", base + "/devices/" + deviceId + "/readings?obis=1-0:1.8.0",
                    null, "Authorization", bearer).body());
            assertThat(reading.path("readings").path(0).path("unit").asText()).isEqualTo("kWh");

            HttpResponse<String> flat = send("POST", base + "/devices/" + deviceId + "/relay/operations",
                    "{\"operation\":\"DISCONNECT\"}", "Authorization", bearer, "Content-Type", "application/json");
            assertThat(flat.statusCode()).isEqualTo(400);
            assertThat(flat.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(flat.body()).path("detail").asText()).contains("operation: must be an object");

            lab.mdms().revokeAccessTokens();
            assertThat(send("GET", base + "/devices/" + deviceId, null, "Authorization", bearer).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void gridflowsTokenEndpointRefusesAWrongSecret() throws Exception {
        try (VirtualLab lab = lab(MdmsDialect.GRIDFLOW, Set.of())) {
            String basic = Base64.getEncoder().encodeToString((MdmsDialect.OAUTH2_CLIENT_ID + ":wrong")
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = send("POST", lab.mdms().rootUrl() + MdmsDialect.TOKEN_PATH,
                    "grant_type=client_credentials", "Authorization", "Basic " + basic,
                    "Content-Type", "application/x-www-form-urlencoded");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_client");
        }
    }

    @Test
    void metercloudSpeaksItsOwnLanguageBehindAnApiKey() throws Exception {
        try (VirtualLab lab = lab(MdmsDialect.METERCLOUD, Set.of())) {
            String id = "MTR-" + lab.meter(1).serial();
            String base = lab.mdms().url();
            assertThat(send("GET", base + "/meters/" + id, null).statusCode()).isEqualTo(401);
            HttpResponse<String> accepted = send("POST", base + "/meters/" + id + "/supply",
                    "{\"target\":\"disconnected\"}", "X-Api-Key", MdmsLabs.TOKEN, "Content-Type", "application/json");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("Location")).isEmpty();
            String statusUrl = JSON.readTree(accepted.body()).path("links").path("status").asText();
            String state = "queued";
            for (int i = 0; i < 100 && state.equals("queued"); i++) {
                Thread.sleep(100);
                state = JSON.readTree(send("GET", lab.mdms().rootUrl() + statusUrl + "?api_key=" + MdmsLabs.TOKEN,
                        null).body()).path("state").asText();
            }
            assertThat(state).isEqualTo("completed");
            JsonNode supply = JSON.readTree(send("GET", base + "/meters/" + id + "/supply", null,
                    "Cookie", "mc_api_key=" + MdmsLabs.TOKEN).body());
            assertThat(supply.path("supply").asText()).isEqualTo("disconnected");
            JsonNode register = JSON.readTree(send("GET", base + "/meters/" + id + "/registers/0100010800FF", null,
                    "X-Api-Key", MdmsLabs.TOKEN).body());
            assertThat(register.has("unit")).isFalse();
            assertThat(register.path("value").isNumber()).isTrue();
            JsonNode unknown = JSON.readTree(send("GET", base + "/meters/MTR-00000000", null,
                    "X-Api-Key", MdmsLabs.TOKEN).body());
            assertThat(unknown.path("error").path("code").asText()).isEqualTo("meter_not_found");
        }
    }

    @Test
    void faultProfilesActOnEveryDialect() throws Exception {
        try (VirtualLab lab = lab(MdmsDialect.METERCLOUD, Set.of(MdmsFault.GENERIC_200))) {
            HttpResponse<String> unknown = send("GET", lab.mdms().url() + "/meters/MTR-00000000", null,
                    "X-Api-Key", MdmsLabs.TOKEN);
            assertThat(unknown.statusCode()).isEqualTo(200);
            assertThat(unknown.body()).isEqualTo("{}");
        }
        try (VirtualLab lab = lab(MdmsDialect.GRIDFLOW, Set.of(MdmsFault.OPAQUE_ERRORS))) {
            String bearer = "Bearer " + token(lab, MdmsLabs.TOKEN);
            HttpResponse<String> unknown = send("GET", lab.mdms().url() + "/devices/dev_000000000000", null,
                    "Authorization", bearer);
            assertThat(unknown.statusCode()).isEqualTo(500);
            assertThat(unknown.body()).isEmpty();
        }
    }
}
