package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;

/** Every operation of mdms-v1.yaml against the correct MDMS (no fault, RF latency at 1/100). */
class MdmsEndpointTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static VirtualLab lab;
    private static MdmsHttp mdms;

    @BeforeAll
    static void startLab() throws Exception {
        lab = MdmsLabs.start(4, Set.of());
        mdms = MdmsLabs.client(lab);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void healthNeedsNoTokenAndReportsVersionAndTime() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Reply reply = mdms.send("GET", "/health", null, Optional.empty());
        Instant after = Instant.now().plusSeconds(1);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode health = reply.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("version").asText()).isEqualTo("1.0.0");
        // The MDMS's time as it was while it answered, however long the answer took.
        assertThat(Instant.parse(health.path("time").asText())).isBetween(before, after);
    }

    @Test
    void everyOtherCallWithoutAValidTokenIs401WithAnErrorBody() throws Exception {
        Reply missing = mdms.send("GET", "/meters", null, Optional.empty());
        Reply wrong = mdms.send("GET", "/meters/26000001", null, Optional.of("not-the-token"));
        Reply command = mdms.send("POST", "/meters/26000001/load-switch/commands", "{\"action\":\"OPEN\"}",
                Optional.empty());
        Reply unknownPath = mdms.send("GET", "/nothing/here", null, Optional.empty());

        for (Reply reply : List.of(missing, wrong, command, unknownPath)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer realm=\"mdms\"");
            assertThat(reply.json().path("code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.body()).doesNotContain(MdmsLabs.TOKEN);
        }
        assertThat(missing.json().path("detail").asText()).contains("missing");
        assertThat(wrong.json().path("detail").asText()).contains("not valid");
        assertThat(lab.meter(1).relayClosed()).isTrue();
    }

    @Test
    void listsMetersBySerialWithPaging() throws Exception {
        JsonNode all = mdms.get("/meters").json();
        JsonNode second = mdms.get("/meters?limit=1&offset=1").json();

        assertThat(all.path("total").asInt()).isEqualTo(4);
        assertThat(all.path("limit").asInt()).isEqualTo(50);
        assertThat(all.path("meters")).extracting(meter -> meter.path("serial").asText())
                .containsExactly("26000001", "26000002", "26000003", "26000004");
        assertThat(all.path("meters").get(0).path("meterType").asText()).isEqualTo("ELECTRICITY_3PH");
        assertThat(second.path("meters")).hasSize(1);
        assertThat(second.path("meters").get(0).path("serial").asText()).isEqualTo("26000002");
        assertThat(second.path("offset").asInt()).isEqualTo(1);

        Reply badLimit = mdms.get("/meters?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(badLimit.json().path("detail").asText()).startsWith("limit:");
    }

    @Test
    void meterRecordHasTheNameplateAndTheCommunicationStatus() throws Exception {
        // Meter 4 is used by this test only: nothing contacted it before.
        VirtualMeter meter = lab.meter(4);
        JsonNode before = mdms.get("/meters/" + meter.serial()).json();
        assertThat(before.path("communication").path("status").asText()).isEqualTo("UNKNOWN");
        assertThat(before.path("communication").path("lastContact").isNull()).isTrue();

        assertThat(mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255").status()).isEqualTo(200);
        JsonNode after = mdms.get("/meters/" + meter.serial()).json();

        JsonNode nameplate = after.path("nameplate");
        assertThat(nameplate.path("serial").asText()).isEqualTo(meter.serial());
        assertThat(nameplate.path("manufacturer").asText()).isEqualTo(meter.manufacturerFlag());
        assertThat(nameplate.path("model").asText()).isEqualTo("EM3");
        assertThat(nameplate.path("firmware").asText()).isEqualTo(meter.firmware());
        assertThat(nameplate.path("meterType").asText()).isEqualTo("ELECTRICITY_3PH");
        assertThat(after.path("communication").path("status").asText()).isEqualTo("ONLINE");
        assertThat(Instant.parse(after.path("communication").path("lastContact").asText()))
                .isAfter(Instant.now().minusSeconds(10));
    }

    @Test
    void unknownMeterIs404WithTheSerial() throws Exception {
        for (String path : List.of("/meters/99999999", "/meters/99999999/load-switch",
                "/meters/99999999/registers/1.0.1.8.0.255", "/meters/99999999/events")) {
            Reply reply = mdms.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.json().path("code").asText()).isEqualTo("METER_NOT_FOUND");
            assertThat(reply.json().path("meter").asText()).isEqualTo("99999999");
        }
        Reply command = mdms.post("/meters/99999999/load-switch/commands", "{\"action\":\"OPEN\"}");
        assertThat(command.status()).isEqualTo(404);
        assertThat(command.json().path("code").asText()).isEqualTo("METER_NOT_FOUND");
    }

    @Test
    void loadSwitchOpenGoesFromPendingToExecutedAndReallyOpensTheRelay() throws Exception {
        VirtualMeter meter = lab.meter(1);
        assertThat(meter.relayClosed()).isTrue();

        Reply accepted = mdms.post("/meters/" + meter.serial() + "/load-switch/commands", "{\"action\":\"OPEN\"}");

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode pending = accepted.json();
        String id = pending.path("commandId").asText();
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("type").asText()).isEqualTo("LOAD_SWITCH_OPEN");
        assertThat(pending.path("serial").asText()).isEqualTo(meter.serial());
        assertThat(pending.path("completedAt").isNull()).isTrue();
        assertThat(pending.has("reason")).isFalse();
        assertThat(accepted.header("Location")).contains("/commands/" + id);

        JsonNode executed = mdms.awaitCommand(id, COMMAND_TIMEOUT);
        assertThat(executed.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(Instant.parse(executed.path("completedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(executed.path("createdAt").asText()));
        assertThat(meter.relayClosed()).isFalse();
        assertThat(meter.eventLog()).last().extracting(MeterEvent::code).isEqualTo(61);

        JsonNode status = mdms.get("/meters/" + meter.serial() + "/load-switch").json();
        assertThat(status.path("state").asText()).isEqualTo("OPEN");
        assertThat(status.path("source").asText()).isEqualTo("METER");

        String close = mdms.switchLoad(meter.serial(), "CLOSE");
        assertThat(mdms.awaitCommand(close, COMMAND_TIMEOUT).path("status").asText()).isEqualTo("EXECUTED");
        assertThat(meter.relayClosed()).isTrue();
        assertThat(meter.eventLog()).last().extracting(MeterEvent::code).isEqualTo(62);
        assertThat(mdms.get("/meters/" + meter.serial() + "/load-switch").json().path("state").asText())
                .isEqualTo("CLOSED");
    }

    @Test
    void loadSwitchCommandRequestsAreValidatedWithTheAttributeNamed() throws Exception {
        String path = "/meters/26000002/load-switch/commands";
        assertThat(mdms.post(path, "{}").json().path("detail").asText()).startsWith("action: required");
        assertThat(mdms.post(path, "{\"action\":\"TOGGLE\"}").json().path("detail").asText())
                .startsWith("action: must be OPEN or CLOSE");
        assertThat(mdms.post(path, "{\"action\":\"OPEN\",\"force\":true}").json().path("detail").asText())
                .startsWith("force: unknown attribute");
        Reply broken = mdms.post(path, "{\"action\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(broken.json().path("detail").asText()).contains("not valid JSON at line 1");
        assertThat(mdms.send("POST", path, null, Optional.of(MdmsLabs.TOKEN)).status()).isEqualTo(400);
        assertThat(lab.meter(2).relayClosed()).isTrue();
    }

    @Test
    void registersAreReadFromTheMeterWithBothTimestamps() throws Exception {
        VirtualMeter meter = lab.meter(2);
        Instant before = Instant.now().minusSeconds(1);
        JsonNode first = mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255").json();

        assertThat(first.path("obis").asText()).isEqualTo("1.0.1.8.0.255");
        assertThat(first.path("unit").asText()).isEqualTo("Wh");
        assertThat(first.path("value").asDouble()).isEqualTo(meter.importEnergyWh(), within(0.05));
        assertThat(Instant.parse(first.path("readTimestamp").asText())).isAfter(before);
        assertThat(Instant.parse(first.path("meterTimestamp").asText())).isAfter(before.minusSeconds(1));

        meter.addEnergy(1500.0, 0);
        JsonNode second = mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255").json();
        assertThat(second.path("value").asDouble()).isEqualTo(first.path("value").asDouble() + 1500.0, within(0.05));

        JsonNode export = mdms.get("/meters/" + meter.serial() + "/registers/1.0.2.8.0.255").json();
        assertThat(export.path("value").asDouble()).isEqualTo(meter.exportEnergyWh(), within(0.05));
    }

    @Test
    void badAndUnknownRegistersAreTold() throws Exception {
        Reply malformed = mdms.get("/meters/26000002/registers/1.8.0");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asText()).isEqualTo("INVALID_OBIS");
        assertThat(malformed.json().path("detail").asText()).contains("was 1.8.0");

        Reply unknown = mdms.get("/meters/26000002/registers/1.0.99.8.0.255");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("REGISTER_NOT_FOUND");
        assertThat(unknown.json().path("meter").asText()).isEqualTo("26000002");

        Reply notARegister = mdms.get("/meters/26000002/registers/0.0.96.1.0.255");
        assertThat(notARegister.json().path("code").asText()).isEqualTo("REGISTER_NOT_FOUND");
    }

    @Test
    void eventsComeFromTheMeterLogWithStableIdsAndTheIntervalApplied() throws Exception {
        VirtualMeter meter = lab.meter(3);
        JsonNode first = mdms.get("/meters/" + meter.serial() + "/events").json();
        List<MeterEvent> log = meter.eventLog();

        assertThat(first.path("serial").asText()).isEqualTo(meter.serial());
        assertThat(first.path("events")).hasSize(log.size());
        JsonNode powerUp = first.path("events").get(0);
        assertThat(powerUp.path("code").asInt()).isEqualTo(1);
        assertThat(powerUp.path("description").asText()).isEqualTo("Power up");
        assertThat(Instant.parse(powerUp.path("meterTimestamp").asText())).isEqualTo(log.get(0).timestamp());

        Thread.sleep(5);
        JsonNode again = mdms.get("/meters/" + meter.serial() + "/events").json();
        assertThat(again.path("events").get(0).path("eventId").asText()).isEqualTo(powerUp.path("eventId").asText());
        assertThat(again.path("events").get(0).path("receivedAt").asText())
                .isEqualTo(powerUp.path("receivedAt").asText());

        Instant start = log.get(0).timestamp();
        assertThat(mdms.get("/meters/" + meter.serial() + "/events?to=" + start).json().path("events")).isEmpty();
        assertThat(mdms.get("/meters/" + meter.serial() + "/events?from=" + start + "&to=" + start.plusSeconds(1))
                .json().path("events")).isNotEmpty();

        Reply backwards = mdms.get("/meters/" + meter.serial() + "/events?from=" + start + "&to="
                + start.minusSeconds(1));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("detail").asText()).startsWith("to:");
        assertThat(mdms.get("/meters/" + meter.serial() + "/events?from=yesterday").json().path("detail").asText())
                .startsWith("from: must be an RFC 3339 date-time");
    }

    @Test
    void newBillingPeriodRunsTheScriptOnTheMeter() throws Exception {
        VirtualMeter meter = lab.meter(2);
        int before = meter.billingPeriodCounter();

        Reply accepted = mdms.post("/meters/" + meter.serial() + "/billing/new-period", null);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("type").asText()).isEqualTo("BILLING_NEW_PERIOD");
        JsonNode done = mdms.awaitCommand(accepted.json().path("commandId").asText(), COMMAND_TIMEOUT);
        assertThat(done.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(meter.billingPeriodCounter()).isEqualTo(before + 1);
        assertThat(meter.eventLog()).last().extracting(MeterEvent::code).isEqualTo(20);
    }

    @Test
    void displayMessageIsShownAndClearedOnTheMeter() throws Exception {
        VirtualMeter meter = lab.meter(3);
        String path = "/meters/" + meter.serial() + "/display";

        Reply show = mdms.post(path, "{\"message\":\"Tariff change 01.04.\",\"visible\":true}");
        assertThat(show.status()).isEqualTo(202);
        assertThat(show.json().path("type").asText()).isEqualTo("DISPLAY_MESSAGE");
        assertThat(mdms.awaitCommand(show.json().path("commandId").asText(), COMMAND_TIMEOUT).path("status").asText())
                .isEqualTo("EXECUTED");
        assertThat(meter.displayMessage()).isEqualTo("Tariff change 01.04.");

        Reply clear = mdms.post(path, "{\"visible\":false}");
        assertThat(mdms.awaitCommand(clear.json().path("commandId").asText(), COMMAND_TIMEOUT).path("status").asText())
                .isEqualTo("EXECUTED");
        assertThat(meter.displayMessage()).isEmpty();

        assertThat(mdms.post(path, "{\"visible\":true}").json().path("detail").asText()).startsWith("message:");
        assertThat(mdms.post(path, "{\"message\":\"x\"}").json().path("detail").asText()).startsWith("visible:");
        assertThat(mdms.post(path, "{\"message\":\"caf\u00e9\",\"visible\":true}").status()).isEqualTo(400);
    }

    @Test
    void unknownCommandsPathsAndMethodsAreToldApart() throws Exception {
        Reply unknownCommand = mdms.get("/commands/3f2c1d9e-7b4a-4c1e-9d0f-2a6b8c4e5f71");
        assertThat(unknownCommand.status()).isEqualTo(404);
        assertThat(unknownCommand.json().path("code").asText()).isEqualTo("COMMAND_NOT_FOUND");

        Reply badId = mdms.get("/commands/42");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("detail").asText()).startsWith("commandId: not a UUID");

        Reply unknownPath = mdms.get("/meters/26000001/nothing");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().path("code").asText()).isEqualTo("NOT_FOUND");

        Reply wrongMethod = mdms.send("DELETE", "/meters/26000001", null, Optional.of(MdmsLabs.TOKEN));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("GET");
        assertThat(wrongMethod.json().path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");

        Reply badSerial = mdms.get("/meters/26000001%3B");
        assertThat(badSerial.status()).isEqualTo(400);
        assertThat(badSerial.json().path("detail").asText()).startsWith("serial:");
    }
}
