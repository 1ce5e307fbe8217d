package org.testbench.mdms.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import org.testbench.fuzz.FuzzBudget;
import static org.testbench.mdms.testing.MdmsBodies.METER;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.client.ClientOptions;
import org.testbench.mdms.client.MdmsClient;
import org.testbench.mdms.client.MdmsOutcome;
import org.testbench.mdms.client.MdmsResponse;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

/**
 * Fuzzing the MDMS client with a real local HTTP server that answers {@code meter.get} with damaged answers:
 * another status, damaged body bytes, wrong or lying headers, a hang-up, silence. Whatever comes, the call ends
 * with one of the documented outcomes and one line, within its timeouts; a server that answered is never
 * reported as unreachable; OK only for a 2xx JSON answer. Seeded and bounded (tag {@code fuzz}, {@link FuzzBudget}).
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class MdmsAnswerProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "null",
            "true", "1e999", "-", "0.0.0", "\u0000", "\u001b[2J", "\uFEFF", "\u202E", "é", "{\"serial\":", "]]]]",
            "\"nameplate\":null", "{".repeat(3000), "x".repeat(20_000));
    private static final List<Integer> STATUSES = List.of(200, 200, 200, 201, 202, 204, 299, 301, 304, 400, 401, 403,
            404, 406, 409, 422, 429, 451, 500, 502, 503, 504, 599, 700, 999, 100);
    private static final List<String[]> HEADERS = List.of(new String[] {"Content-Type", "application/json"},
            new String[] {"Content-Type", "text/html"}, new String[] {"Content-Type", "application/json; charset=utf-16"},
            new String[] {"Content-Type", "application/problem+json"}, new String[] {"Content-Type", ";;;"},
            new String[] {"Content-Encoding", "gzip"}, new String[] {"Content-Encoding", "br"},
            new String[] {"Location", "http://[::1"}, new String[] {"Retry-After", "-1"},
            new String[] {"WWW-Authenticate", "Bearer error=\"invalid_token\""}, new String[] {"X-Junk", "\u00ff\u00fe"});
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Only a hang guard, far above the call timeout. */
    private static final long HANG_GUARD_SECONDS = 60;

    private static MockWebServer server;
    private static MdmsClient client;

    /** What the server does instead of the right answer. */
    record Answer(int status, String kind, int at, int token, int header) {
        byte[] body() {
            byte[] body = METER.getBytes(StandardCharsets.UTF_8);
            int i = Math.floorMod(at, body.length);
            byte[] token = TOKENS.get(this.token).getBytes(StandardCharsets.UTF_8);
            byte[] damaged = switch (kind) {
                case "flip" -> {
                    byte[] out = body.clone();
                    out[i] ^= (byte) (1 << (this.token & 7));
                    yield out;
                }
                case "cut" -> Arrays.copyOf(body, i);
                case "insert" -> concat(concat(Arrays.copyOf(body, i), token), Arrays.copyOfRange(body, i, body.length));
                case "empty" -> new byte[0];
                default -> body;
            };
            return damaged;
        }

        MockResponse response() {
            byte[] damaged = body();
            String[] h = HEADERS.get(header);
            MockResponse r = new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                    .setBody(new Buffer().write(damaged)).addHeaderLenient(h[0], h[1]);
            return switch (kind) {
                case "hangup" -> r.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
                case "reset" -> r.setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                case "silence" -> r.setSocketPolicy(SocketPolicy.NO_RESPONSE);
                case "lying-length" -> r.setHeader("Content-Length", Integer.toString(damaged.length + 1 + at % 500));
                case "chunked" -> r.setChunkedBody(new Buffer().write(damaged), 1 + at % 7);
                default -> r;
            };
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = MdmsClient.newBuilder().baseUrl(server.url("/api/").toString()).catalog(Specs.load("mdms-v1.yaml"))
                .binding(Samples.binding()).options(ClientOptions.newBuilder().callTimeout(CALL_TIMEOUT)
                        .readTimeout(Duration.ofMillis(700)).build()).build();
    }

    @AfterContainer
    static void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    @Provide
    Arbitrary<Answer> answers() {
        return Combinators.combine(Arbitraries.of(STATUSES),
                Arbitraries.of("flip", "flip", "cut", "insert", "insert", "empty", "as-is", "hangup", "reset",
                        "silence", "lying-length", "chunked"),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, TOKENS.size() - 1),
                Arbitraries.integers().between(0, HEADERS.size() - 1)).as(Answer::new);
    }

    @Property(tries = 120, seed = "20261207")
    void aDamagedAnswerEndsInADocumentedOutcomeWithOneLine(@ForAll("answers") Answer answer) throws Exception {
        server.enqueue(answer.response());
        int before = server.getRequestCount();
        MdmsResponse response = CompletableFuture.supplyAsync(() -> client.call(Capability.METER_GET,
                Map.of("serial", SERIAL))).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

        assertThat(response.message()).as("one line for the user").isNotBlank().doesNotContain("\n", "\r");
        assertThat(server.getRequestCount()).as("the server was reached").isGreaterThan(before);
        assertThat(response.message()).as("a server that answered is not unreachable").doesNotContain("cannot connect");
        if (response.outcome() == MdmsOutcome.OK) {
            assertThat(response.status()).as(response.message()).isBetween(200, 299);
            assertThat(isJson(answer.body())).as("OK only for JSON: " + response.message()).isTrue();
        }
        if (response.outcome() == MdmsOutcome.REJECTED) {
            assertThat(response.status()).as(response.message()).isBetween(400, 499);
        }
        if (response.outcome() == MdmsOutcome.SERVER_ERROR) {
            assertThat(response.status()).as(response.message()).isGreaterThanOrEqualTo(500);
        }
        if (response.outcome() == MdmsOutcome.TIMEOUT && answer.status() >= 200) {
            // (After a 1xx the final answer never comes: waiting for it until the timeout is right.)
            assertThat(answer.kind()).as(response.message()).isIn("silence", "lying-length", "hangup", "reset");
        }
    }

    private static boolean isJson(byte[] body) {
        try {
            return JSON.readTree(body) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
