package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.testbench.mdms.testing.MdmsBodies.METER;
import static org.testbench.mdms.testing.MdmsBodies.REGISTER;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;
import static org.testbench.mdms.testing.MdmsBodies.error;
import static org.testbench.mdms.testing.MdmsBodies.json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.SilentServer;
import org.testbench.mdms.testing.Specs;

/** Every kind of answer an MDMS gives, from a real HTTP server, and how the client classifies it. */
class ClientOutcomeTests {

    private static final ApiCatalog CATALOG = Specs.load("mdms-v1.yaml");
    private static final Binding BINDING = Samples.binding();
    private static final BearerToken TOKEN = BearerToken.of("tb-token-5f1c9a7e2d");
    private static final Map<String, Object> METER_1 = Map.of("serial", SERIAL);
    private static final Map<String, Object> REGISTER_1 = Map.of("serial", SERIAL, "obis", "1.0.1.8.0.255");

    private MockWebServer server;
    private MdmsClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = client(ClientOptions.newBuilder().bearerToken(TOKEN).callTimeout(Duration.ofSeconds(5)).build());
    }

    private MdmsClient client(ClientOptions options) {
        return MdmsClient.newBuilder().baseUrl(server.url("/api/").toString()).catalog(CATALOG).binding(BINDING)
                .options(options).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    @Nested
    class Requests {

        @Test
        void buildsPathQueryBodyAndCredentialsFromTheBinding() throws Exception {
            server.enqueue(json(202, org.testbench.mdms.testing.MdmsBodies.command("c-1", "PENDING", null)));
            MdmsResponse response = client.call(Capability.LOAD_SWITCH_OPEN, Map.of("serial", "2600/01"));
            RecordedRequest request = server.takeRequest();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getPath()).isEqualTo("/api/meters/2600%2F01/load-switch/commands");
            assertThat(request.getBody().readUtf8()).isEqualTo("{\"action\":\"OPEN\"}");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN.value());
            assertThat(request.getHeader("Accept")).isEqualTo("application/json");
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(response.text("commandId")).hasValue("c-1");
            assertThat(response.inputs()).containsEntry("serial", "2600/01");
        }

        @Test
        void sendsNoTokenToAnOperationDeclaredOpen() throws Exception {
            Binding withHealth = BINDING.with(org.testbench.mdms.binding.BindingEntry.of(Capability.METER_GET,
                    org.testbench.mdms.binding.OperationRef.byId("getHealth")));
            try (MdmsClient health = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(CATALOG)
                    .binding(withHealth).options(ClientOptions.newBuilder().bearerToken(TOKEN).build()).build()) {
                server.enqueue(json(200, "{\"status\":\"UP\",\"version\":\"1.0.0\",\"time\":\"2025-03-14T09:26:53Z\"}"));
                assertThat(health.call(Capability.METER_GET, Map.of()).outcome()).isEqualTo(MdmsOutcome.OK);
                assertThat(server.takeRequest().getHeader("Authorization")).isNull();
            }
        }

        @Test
        void missingInputIsACallersErrorNamingThePlaceholder() {
            assertThatThrownBy(() -> client.call(Capability.REGISTERS_READ, METER_1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("registers.read: parameter 'obis': no value for ${obis} (given: serial)");
        }
    }

    @Nested
    class Answers {

        /** Found by the fuzz slice: a lenient decoder made the damaged name "\uFFFDerial" and the call OK. */
        @Test
        void aJsonAnswerThatIsNotUtf8IsNotOk() {
            byte[] body = METER.getBytes(StandardCharsets.UTF_8);
            body[2] = (byte) 0xF3; // "serial" -> an invalid byte and "erial"
            server.enqueue(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(new okio.Buffer().write(body)));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            // Reached, and answered what is not the documented JSON: the MDMS misbehaved.
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.MALFORMED);
            assertThat(response.message()).contains("not UTF-8 text: byte 0xf3 at offset 2");
        }

        @Test
        void okWithTheBindingsValuesAndNoFindings() {
            server.enqueue(json(200, METER));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text("firmware")).hasValue("TBL-EM3 1.4.2");
            assertThat(response.text("communicationStatus")).hasValue("ONLINE");
            assertThat(response.findings()).isEmpty();
            assertThat(response.message()).isEqualTo("getMeter answered 200");
            assertThat(response.evidence().requestHeaders()).containsEntry("Authorization", "Bearer <redacted>");
            assertThat(response.evidence().statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(response.evidence().responseBody()).contains("TBL-EM3 1.4.2");
            assertThat(response.timing().elapsed()).isPositive();
        }

        @Test
        void rejectedWithAUsableMessage() {
            server.enqueue(json(404, error("METER_NOT_FOUND", "Unknown meter")));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.REJECTED);
            assertThat(response.message()).isEqualTo("getMeter refused the request with 404: METER_NOT_FOUND: Unknown meter");
            assertThat(response.findings()).isEmpty();
            // Without a notFound rule in the binding, a 404 is HTTP's "no such meter".
            assertThat(response.notFound()).isTrue();
        }

        @Test
        void rejectedWithoutAMessageIsUnclear() {
            server.enqueue(new MockResponse().setResponseCode(400));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.REJECTED);
            assertThat(response.message()).isEqualTo("getMeter refused the request with 400 and no message");
            assertThat(response.notFound()).isFalse();
            assertThat(response.findings(FindingKind.UNCLEAR_ERROR)).singleElement()
                    .hasToString("UNCLEAR_ERROR: 400 without a usable message: the body is empty");
            assertThat(response.findings(FindingKind.SCHEMA_VIOLATION)).singleElement()
                    .hasToString("SCHEMA_VIOLATION: 400 answer has no body, but 400 documents one (schema Error)");
        }

        @Test
        void serverErrorThatBlamesTheRequestHasTheWrongStatusClass() {
            server.enqueue(json(500, error("INVALID_OBIS", "obis must be six groups")));
            MdmsResponse response = client.call(Capability.REGISTERS_READ, REGISTER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.SERVER_ERROR);
            assertThat(response.findings()).extracting(ResponseFinding::toString).containsExactly(
                    "WRONG_STATUS_CLASS: 500 (a server fault) but the body blames the request:"
                            + " 'INVALID_OBIS: obis must be six groups'; a 4xx was due");
        }

        @Test
        void serverErrorWithoutBodyIsUnclear() {
            server.enqueue(new MockResponse().setResponseCode(500));
            MdmsResponse response = client.call(Capability.REGISTERS_READ, REGISTER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.SERVER_ERROR);
            assertThat(response.has(FindingKind.UNCLEAR_ERROR)).isTrue();
        }

        @Test
        void clientErrorThatReportsAServerFaultHasTheWrongStatusClass() {
            server.enqueue(json(400, error("BAD_REQUEST", "java.lang.NullPointerException in RegisterService")));
            MdmsResponse response = client.call(Capability.REGISTERS_READ, REGISTER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.REJECTED);
            assertThat(response.findings(FindingKind.WRONG_STATUS_CLASS)).singleElement().satisfies(f ->
                    assertThat(f.message()).startsWith("400 (a bad request) but the body reports a server fault"));
        }

        @Test
        void meterUnreachableIsToldApartFromAnMdmsFault() {
            server.enqueue(json(504, error("METER_UNREACHABLE", "Meter 26000001 could not be reached")));
            server.enqueue(json(500, error("INTERNAL_ERROR", "Internal error, reference 5c1b2a0e")));
            MdmsResponse unreachable = client.call(Capability.REGISTERS_READ, REGISTER_1);
            MdmsResponse fault = client.call(Capability.REGISTERS_READ, REGISTER_1);
            assertThat(unreachable.outcome()).isEqualTo(MdmsOutcome.METER_UNREACHABLE);
            assertThat(unreachable.message()).isEqualTo("readRegister: the MDMS reports the meter unreachable"
                    + " (504 METER_UNREACHABLE: Meter 26000001 could not be reached)");
            assertThat(unreachable.findings()).isEmpty();
            assertThat(fault.outcome()).isEqualTo(MdmsOutcome.SERVER_ERROR);
        }

        @Test
        void successWithAnErrorBodyIsFlagged() {
            server.enqueue(json(200, "{\"error\":\"meter not connected\"}"));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(response.findings()).extracting(ResponseFinding::kind).contains(FindingKind.ERROR_IN_SUCCESS,
                    FindingKind.MISSING_VALUE, FindingKind.SCHEMA_VIOLATION);
            assertThat(response.findings(FindingKind.ERROR_IN_SUCCESS)).singleElement().hasToString(
                    "ERROR_IN_SUCCESS: 200 but the body reports an error: {\"error\":\"meter not connected\"}");
        }

        @Test
        void undocumentedStatusIsNamed() {
            server.enqueue(json(409, error("COMMAND_CONFLICT", "busy")));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.findings(FindingKind.UNDOCUMENTED_STATUS)).singleElement().hasToString(
                    "UNDOCUMENTED_STATUS: 409 is not documented for getMeter (documented: 200, 400, 401, 403, 404, 500)");
        }

        @Test
        void bodyAgainstTheDocumentedSchemaIsValidated() {
            server.enqueue(json(200, "{\"serial\":\"26000001\",\"state\":\"HALF_OPEN\",\"source\":\"METER\","
                    + "\"readAt\":\"2025-03-14T09:26:53Z\"}"));
            MdmsResponse response = client.call(Capability.LOAD_SWITCH_STATUS, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.OK);
            assertThat(response.text("state")).hasValue("HALF_OPEN");
            assertThat(response.findings(FindingKind.SCHEMA_VIOLATION)).singleElement().satisfies(f ->
                    assertThat(f.message()).startsWith("200 answer does not match the documented schema: /state")
                            .contains("enum"));
        }

        @Test
        void nullableAndReferencedSchemasValidateCleanly() {
            server.enqueue(json(200, REGISTER));
            String id = "3f2c1d9e-7b4a-4c1e-9d0f-2a6b8c4e5f71";
            server.enqueue(json(200, org.testbench.mdms.testing.MdmsBodies.command(id, "PENDING", null)));
            server.enqueue(json(200, org.testbench.mdms.testing.MdmsBodies.command("c-9", "PENDING", null)));
            assertThat(client.call(Capability.REGISTERS_READ, REGISTER_1).findings()).isEmpty();
            assertThat(client.call(Capability.COMMAND_STATUS, Map.of("commandId", id)).findings()).isEmpty();
            // Formats count: a command id that is no UUID is a violation.
            assertThat(client.call(Capability.COMMAND_STATUS, Map.of("commandId", "c-9")).findings())
                    .extracting(ResponseFinding::toString).containsExactly("SCHEMA_VIOLATION: 200 answer does not match"
                            + " the documented schema: /commandId: does not match the uuid pattern must be a valid RFC 4122 UUID");
        }
    }

    @Nested
    class UnusableAnswers {

        @Test
        void htmlInsteadOfJsonIsAMalformedAnswerNotATransportProblem() {
            server.enqueue(new MockResponse().setHeader("Content-Type", "text/html")
                    .setBody("<!DOCTYPE html><html><head><title>Single sign-on</title></head><body>Log in</body></html>"));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            // The MDMS was reached and answered, wrongly: its fault, not the network's.
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.MALFORMED);
            assertThat(response.message()).isEqualTo("getMeter answered 200 with an HTML page titled 'Single sign-on'"
                    + " instead of the documented JSON");
            assertThat(response.evidence().toText()).contains("Single sign-on");
            assertThat(response.has(FindingKind.NOT_JSON)).isTrue();
        }

        @Test
        void htmlErrorPageOfAProxyIsAServerErrorWithoutMessage() {
            server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
                    .setBody("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.SERVER_ERROR);
            assertThat(response.findings()).extracting(ResponseFinding::kind).containsExactlyInAnyOrder(
                    FindingKind.UNDOCUMENTED_STATUS, FindingKind.NOT_JSON, FindingKind.UNCLEAR_ERROR);
        }

        @Test
        void invalidJsonSaysWhere() {
            server.enqueue(json(200, "{\"serial\": \"26000001\", \"nameplate\": {"));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.MALFORMED);
            assertThat(response.message()).startsWith("getMeter answered 200 with invalid JSON at line 1 column ")
                    .contains("end-of-input");
        }

        @Test
        void redirectsAreNotFollowed() {
            server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "https://login.example.net/"));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
            assertThat(response.message()).isEqualTo("getMeter answered 302 (redirect to https://login.example.net/);"
                    + " the client does not follow redirects");
        }

        @Test
        void refusedConnectionIsATransportProblem() throws Exception {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            try (MdmsClient nowhere = MdmsClient.newBuilder().baseUrl("http://127.0.0.1:" + closedPort).catalog(CATALOG)
                    .binding(BINDING).build()) {
                MdmsResponse response = nowhere.call(Capability.METER_GET, METER_1);
                assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
                assertThat(response.status()).isZero();
                assertThat(response.message()).startsWith("getMeter at http://127.0.0.1:" + closedPort
                        + "/meters/26000001: cannot connect: ");
                assertThat(response.evidence().statusLine()).isEmpty();
            }
        }

        @Test
        void connectionResetDuringTheBodyIsATransportProblem() {
            server.enqueue(json(200, METER + " ".repeat(20_000)).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
            MdmsResponse response = client.call(Capability.METER_GET, METER_1);
            assertThat(response.outcome()).isEqualTo(MdmsOutcome.TRANSPORT);
            assertThat(response.message()).contains("while reading the body");
            assertThat(response.status()).isEqualTo(200);
        }

        @Test
        void slowDripBeyondTheCallTimeoutIsATimeout() {
            try (MdmsClient impatient = client(ClientOptions.newBuilder().callTimeout(Duration.ofMillis(700)).build())) {
                // 16 bytes every 250 ms: the whole body would take far longer than the call timeout.
                String body = METER + " ".repeat(2_000);
                server.enqueue(json(200, body).throttleBody(16, 250, TimeUnit.MILLISECONDS));
                MdmsResponse response = impatient.call(Capability.METER_GET, METER_1);
                assertThat(response.outcome()).isEqualTo(MdmsOutcome.TIMEOUT);
                assertThat(response.message()).contains("no complete answer within the call timeout of 700 ms while reading"
                        + " the body (");
                // The client gave up mid-body, at its own timeout: it did not wait for the server to finish.
                Matcher received = Pattern.compile("\\((\\d+) bytes received\\)").matcher(response.message());
                assertThat(received.find()).as(response.message()).isTrue();
                assertThat(Long.parseLong(received.group(1))).isLessThan(body.getBytes(StandardCharsets.UTF_8).length);
            }
        }

        @Test
        void silentServerHitsTheReadTimeout() {
            try (MdmsClient impatient = client(ClientOptions.newBuilder().readTimeout(Duration.ofMillis(300)).build())) {
                server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
                MdmsResponse response = impatient.call(Capability.METER_GET, METER_1);
                assertThat(response.outcome()).isEqualTo(MdmsOutcome.TIMEOUT);
                assertThat(response.message()).contains("the read timeout");
            }
        }

        @Test
        void profileCallTimeoutReplacesTheDefault() {
            server.enqueue(json(200, METER).setHeadersDelay(600, TimeUnit.MILLISECONDS));
            LatencyProfile quick = LatencyProfile.rf().withCallTimeout(Duration.ofMillis(300));
            assertThat(client.call(Capability.METER_GET, METER_1, quick).outcome()).isEqualTo(MdmsOutcome.TIMEOUT);
        }
    }

    @Test
    void asynchronousCallsCanBeCancelled() throws Exception {
        try (SilentServer hung = new SilentServer();
             MdmsClient toHung = MdmsClient.newBuilder().baseUrl(hung.url()).catalog(CATALOG).binding(BINDING).build()) {
            CompletableFuture<MdmsResponse> pending = toHung.callAsync(Capability.METER_GET, METER_1);
            assertThat(hung.awaitRequest(10)).as("the request reached the server").isTrue();
            assertThat(pending).isNotDone();
            assertThat(pending.cancel(true)).isTrue();
            assertThatThrownBy(() -> pending.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(hung.awaitClientClose(5)).as("cancelling closed the connection").isTrue();
        }
    }

    @Test
    void asynchronousCallsCompleteOnAnotherThread() throws Exception {
        server.enqueue(json(200, METER).setBodyDelay(200, TimeUnit.MILLISECONDS));
        CompletableFuture<MdmsResponse> pending = client.callAsync(Capability.METER_GET, METER_1);
        assertThat(pending).isNotDone();
        assertThat(pending.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(MdmsOutcome.OK);
    }
}
