package org.testbench.mdms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.testbench.mdms.testing.MdmsBodies.SERIAL;
import static org.testbench.mdms.testing.MdmsBodies.command;
import static org.testbench.mdms.testing.MdmsBodies.error;
import static org.testbench.mdms.testing.MdmsBodies.json;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Samples;
import org.testbench.mdms.testing.Specs;

/** Asynchronous commands: accepted, then polled until they end, fail, time out or are cancelled. */
class CommandFollowTests {

    private static final ApiCatalog CATALOG = Specs.load("mdms-v1.yaml");
    private static final String ID = "3f2c1d9e-7b4a-4c1e-9d0f-2a6b8c4e5f71";
    private static final LatencyProfile FAST = new LatencyProfile("test", Duration.ofSeconds(5),
            Duration.ofMillis(20), Duration.ofSeconds(5));
    private static final Map<String, Object> METER_1 = Map.of("serial", SERIAL);

    /** The MDMS's command resource: answers the scripted statuses in turn, the last one for ever. */
    private static class CommandScript extends Dispatcher {
        private final List<MockResponse> answers;
        final AtomicInteger polls = new AtomicInteger();
        final List<String> paths = new CopyOnWriteArrayList<>();

        CommandScript(MockResponse... answers) {
            this.answers = List.of(answers);
        }

        static CommandScript statuses(String... statuses) {
            return new CommandScript(java.util.Arrays.stream(statuses).map(s -> json(200, s.startsWith("FAILED:")
                    ? command(ID, "FAILED", s.substring(7)) : command(ID, s, null))).toArray(MockResponse[]::new));
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            paths.add(request.getMethod() + " " + request.getPath());
            if (request.getMethod().equals("POST")) {
                return json(202, command(ID, "PENDING", null));
            }
            int n = polls.getAndIncrement();
            return answers.get(Math.min(n, answers.size() - 1));
        }
    }

    private MockWebServer server;
    private MdmsClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = client(CATALOG, Samples.binding());
    }

    private MdmsClient client(ApiCatalog catalog, Binding binding) {
        return MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(catalog).binding(binding).build();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    @Test
    void pollsUntilExecuted() throws Exception {
        CommandScript script = CommandScript.statuses("PENDING", "PENDING", "EXECUTED");
        server.setDispatcher(script);
        List<String> seen = new CopyOnWriteArrayList<>();
        MdmsResponse accepted = client.call(Capability.LOAD_SWITCH_OPEN, METER_1);
        CommandResult result = client.followCommand(accepted, FAST, r -> seen.add(r.text("status").orElse("?")))
                .get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.EXECUTED);
        assertThat(result.executed()).isTrue();
        assertThat(result.polls()).isEqualTo(3);
        assertThat(seen).containsExactly("PENDING", "PENDING", "EXECUTED");
        assertThat(result.message()).isEqualTo("command " + ID + " executed (EXECUTED) after 3 polls");
        assertThat(script.paths).startsWith("POST /meters/26000001/load-switch/commands", "GET /commands/" + ID);
    }

    @Test
    void failedBecauseTheMeterWasUnreachableIsToldApart() throws Exception {
        server.setDispatcher(CommandScript.statuses("PENDING", "FAILED:METER_UNREACHABLE"));
        CommandResult result = client.execute(Capability.LOAD_SWITCH_CLOSE, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.METER_UNREACHABLE);
        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.reasonCode()).hasValue("METER_UNREACHABLE");
        assertThat(result.message()).isEqualTo("command " + ID + " failed (FAILED, METER_UNREACHABLE: The head-end could"
                + " not connect to meter 26000001): the meter could not be reached");
        assertThat(result.lastResponse()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(MdmsOutcome.METER_UNREACHABLE));
    }

    @Test
    void failedForAnotherReasonIsAFailure() throws Exception {
        server.setDispatcher(CommandScript.statuses("FAILED:METER_REJECTED"));
        CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.FAILED);
        assertThat(result.reasonCode()).hasValue("METER_REJECTED");
    }

    @Test
    void stillPendingAtTheDeadline() throws Exception {
        // The deadline is measured on the client's monotonic clock; here each status query costs 100 ms of it, so
        // the outcome depends on the polls made, never on how fast this machine happens to be.
        AtomicLong clock = new AtomicLong();
        CommandScript script = new CommandScript(json(200, command(ID, "PENDING", null))) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getMethod().equals("GET")) {
                    clock.addAndGet(Duration.ofMillis(100).toNanos());
                }
                return super.dispatch(request);
            }
        };
        server.setDispatcher(script);
        LatencyProfile shortDeadline = FAST.withCommandDeadline(Duration.ofMillis(250));
        try (MdmsClient stepped = MdmsClient.newBuilder().baseUrl(server.url("/").toString()).catalog(CATALOG)
                .binding(Samples.binding()).options(ClientOptions.newBuilder().nanoTime(clock::get).build()).build()) {
            CommandResult result = stepped.execute(Capability.LOAD_SWITCH_OPEN, METER_1, shortDeadline)
                    .get(5, TimeUnit.SECONDS);
            // 100 + 20 and 200 + 20 ms fit into 250 ms; after the third query the next poll would not.
            assertThat(result.ending()).isEqualTo(CommandEnding.DEADLINE_PASSED);
            assertThat(result.polls()).isEqualTo(3);
            assertThat(script.polls).hasValue(3);
            assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(300));
            assertThat(result.message()).contains("still PENDING at the test deadline of 0 s (3 polls)");
        }
    }

    @Test
    void cancellingStopsThePolling() throws Exception {
        CommandScript script = CommandScript.statuses("PENDING");
        server.setDispatcher(script);
        CompletableFuture<CommandResult> following = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1,
                FAST.withCommandDeadline(Duration.ofMinutes(30)));
        while (script.polls.get() < 3) {
            Thread.sleep(10);
        }
        assertThat(following.cancel(true)).isTrue();
        Thread.sleep(300); // a poll already on its way may still arrive
        int pollsAfterCancel = script.polls.get();
        Thread.sleep(300);
        assertThat(script.polls.get()).isEqualTo(pollsAfterCancel);
        assertThatThrownBy(following::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void neverBlocksTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(10, TimeUnit.SECONDS); // the MDMS answers only when the test says so
                return request.getMethod().equals("POST") ? json(202, command(ID, "PENDING", null))
                        : json(200, command(ID, "EXECUTED", null));
            }
        });
        CompletableFuture<CommandResult> following = client.execute(Capability.BILLING_NEW_PERIOD, METER_1, FAST);
        assertThat(following).isNotDone();
        String[] completedOn = new String[1];
        CompletableFuture<CommandResult> observed = following.whenComplete((r, e) -> completedOn[0] = Thread.currentThread().getName());
        release.countDown();
        CommandResult result = observed.get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.EXECUTED);
        assertThat(completedOn[0]).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void unknownStatusIsNotGuessed() throws Exception {
        server.setDispatcher(new CommandScript(json(200, command(ID, "DONE", null))));
        CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.UNKNOWN_STATE);
        assertThat(result.message()).contains("has status 'DONE', which the binding lists under no state");
    }

    @Test
    void statusQueryThatKeepsFailingEndsTheFollowing() throws Exception {
        CommandScript script = new CommandScript(new MockResponse().setResponseCode(500));
        server.setDispatcher(script);
        CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.STATUS_QUERY_FAILED);
        assertThat(script.polls.get()).isEqualTo(3);
        server.setDispatcher(new CommandScript(json(404, error("COMMAND_NOT_FOUND", "Unknown command"))));
        CommandResult unknown = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(unknown.ending()).isEqualTo(CommandEnding.STATUS_QUERY_FAILED);
        assertThat(unknown.polls()).isEqualTo(1);
    }

    @Test
    void commandThatIsRefusedIsNotFollowed() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(409, error("COMMAND_CONFLICT", "A load-switch command is already pending"));
            }
        });
        CommandResult result = client.execute(Capability.LOAD_SWITCH_OPEN, METER_1, FAST).get(5, TimeUnit.SECONDS);
        assertThat(result.ending()).isEqualTo(CommandEnding.NOT_ACCEPTED);
        assertThat(result.polls()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void statusBelowTheMeterGetsTheOriginalCallsSerial() throws Exception {
        ApiCatalog v2 = Specs.load("mdms-v2.yaml");
        try (MdmsClient v2Client = client(v2, Binding.suggest(v2).binding())) {
            CommandScript script = CommandScript.statuses("EXECUTED");
            server.setDispatcher(script);
            CommandResult result = v2Client.execute(Capability.DISPLAY_SET,
                    Map.of("serial", SERIAL, "message", "Tariff change", "visible", true), FAST).get(5, TimeUnit.SECONDS);
            assertThat(result.ending()).isEqualTo(CommandEnding.EXECUTED);
            assertThat(script.paths).containsExactly("POST /meters/26000001/display",
                    "GET /meters/26000001/commands/" + ID);
        }
    }

    @Test
    void statusQueryThatCannotBeBuiltEndsTheFollowingWithTheReason() throws Exception {
        ApiCatalog v2 = Specs.load("mdms-v2.yaml");
        try (MdmsClient v2Client = client(v2, Binding.suggest(v2).binding())) {
            // Following by id alone: the v2 status resource also needs the meter's serial.
            CommandResult result = v2Client.followCommand(ID, Map.of(), FAST, r -> { }).get(5, TimeUnit.SECONDS);
            assertThat(result.ending()).isEqualTo(CommandEnding.STATUS_QUERY_FAILED);
            assertThat(result.message()).isEqualTo("status query for command " + ID + " cannot be made: command.status:"
                    + " parameter 'serial': no value for ${serial} (given: commandId)");
        }
    }
}
