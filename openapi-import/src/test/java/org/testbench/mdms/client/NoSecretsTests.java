package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testbench.mdms.testing.MdmsBodies.METER;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;
import static org.testbench.mdms.testing.MdmsBodies.command;
import static org.testbench.mdms.testing.MdmsBodies.json;

import ch.qos.logback.classic.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.CapturedLog;
import org.testbench.mdms.testing.KeyEnvelopes;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;
import org.testbench.mdms.testing.TestPki;

/**
 * The keys from the MDMS and the bearer token appear nowhere: not in logs at TRACE, not in evidence,
 * not in messages or exceptions (the lab paper, 8.4: "neither show nor log security information").
 */
class NoSecretsTests {

    private static final String TOKEN = "tb-Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbg";

    @Test
    void keysAndTokenAppearInNoLogEvidenceOrMessage(@TempDir Path dir) throws Exception {
        char[] password = "p12-password".toCharArray();
        TestPki pki = TestPki.create("Lab CA");
        BenchIdentity bench = BenchIdentity.load(pki.client("bench-9").writePkcs12(dir.resolve("b.p12"), password), password);
        ApiCatalog catalog = Specs.load("mdms-v1.yaml");
        List<String> seen = new ArrayList<>();
        List<String> logLines;
        try (CapturedLog root = CapturedLog.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE);
             CapturedLog ours = CapturedLog.of("org.testbench", Level.TRACE);
             MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            ClientOptions options = ClientOptions.newBuilder().bearerToken(BearerToken.of(TOKEN))
                    .callTimeout(Duration.ofSeconds(5)).build();
            try (MdmsClient client = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog)
                    .binding(Samples.binding()).options(options).build()) {
                byte[] envelope = KeyEnvelopes.envelope(SERIAL, KeyDeliveryTests.EK, KeyDeliveryTests.AK, bench.certificate());
                server.enqueue(json(200, KeyDeliveryTests.answer(envelope, KeyDeliveryTests.fingerprint(KeyDeliveryTests.EK),
                        KeyDeliveryTests.fingerprint(KeyDeliveryTests.AK))));
                try (DeliveredKeys keys = client.getKeys(SERIAL, bench)) {
                    assertThat(keys.encryptionKey()).isEqualTo(KeyDeliveryTests.EK);
                    seen.add(keys.toString());
                }
                // An MDMS that echoes the token and the keys in an error page, and in a JSON error.
                server.enqueue(new MockResponse().setResponseCode(500).setHeader("Content-Type", "text/plain")
                        .setBody("debug: token=" + TOKEN + " ek=" + Base64.getEncoder().encodeToString(KeyDeliveryTests.EK)
                                + " key=" + HexFormat.of().formatHex(KeyDeliveryTests.AK)));
                server.enqueue(json(400, "{\"code\":\"BAD\",\"message\":\"bad token " + TOKEN + "\",\"ek\":\""
                        + HexFormat.of().formatHex(KeyDeliveryTests.EK) + "\"}"));
                server.enqueue(json(200, METER).setHeader("Set-Cookie", "session=" + TOKEN));
                seen.add(describe(client.call(Capability.METER_GET, Map.of("serial", SERIAL))));
                seen.add(describe(client.call(Capability.METER_GET, Map.of("serial", SERIAL))));
                seen.add(describe(client.call(Capability.METER_GET, Map.of("serial", SERIAL))));
                // A wrapped envelope that fails, so that the error path logs too.
                server.enqueue(json(200, KeyDeliveryTests.answer(KeyEnvelopes.envelope(SERIAL, KeyDeliveryTests.EK,
                        KeyDeliveryTests.AK, pki.client("other").certificate()), "x", "y")));
                try {
                    client.getKeys(SERIAL, bench);
                } catch (KeyDeliveryException e) {
                    seen.add(e.toString());
                    e.response().ifPresent(r -> seen.add(describe(r)));
                }
                server.enqueue(json(202, command("3f2c1d9e-7b4a-4c1e-9d0f-2a6b8c4e5f71", "PENDING", null)));
                server.enqueue(json(200, command("3f2c1d9e-7b4a-4c1e-9d0f-2a6b8c4e5f71", "EXECUTED", null)));
                LatencyProfile fast = new LatencyProfile("t", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofSeconds(5));
                CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, Map.of("serial", SERIAL), fast)
                        .get(5, TimeUnit.SECONDS);
                seen.add(result.toString());
                result.lastResponse().ifPresent(r -> seen.add(describe(r)));
                seen.add(client.toString());
                seen.add(options.bearerToken().orElseThrow().toString());
                seen.add(bench.toString());
            }
            logLines = ours.lines();
            logLines.addAll(root.lines());
            assertThat(ours.events()).as("TRACE logging captured the exchanges").anyMatch(e -> e.getLevel() == Level.TRACE);
        }
        List<String> everything = new ArrayList<>(seen);
        everything.addAll(logLines);
        List<String> secrets = List.of(TOKEN,
                HexFormat.of().formatHex(KeyDeliveryTests.EK), HexFormat.of().formatHex(KeyDeliveryTests.AK),
                Base64.getEncoder().encodeToString(KeyDeliveryTests.EK), Base64.getEncoder().encodeToString(KeyDeliveryTests.AK),
                Base64.getEncoder().withoutPadding().encodeToString(KeyDeliveryTests.EK),
                Base64.getEncoder().withoutPadding().encodeToString(KeyDeliveryTests.AK));
        assertThat(everything).hasSizeGreaterThan(20);
        for (String text : everything) {
            String compact = text.replace(" ", "").replace(":", "");
            for (String secret : secrets) {
                assertThat(compact).as("a log line, evidence or message").doesNotContain(secret);
                assertThat(compact.toLowerCase(Locale.ROOT)).doesNotContain(secret.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static String describe(MdmsResponse response) {
        return response + "\n" + response.evidence().toText() + "\n" + response.findings();
    }
}
