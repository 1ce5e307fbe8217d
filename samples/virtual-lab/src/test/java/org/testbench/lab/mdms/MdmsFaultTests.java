package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.CapturedLog;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;

/** Each fault profile shows the misbehaviour the bench must detect. */
class MdmsFaultTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void writeBeforeExecuteReportsTheRequestedStateWhileTheMeterStaysClosed() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.WRITE_BEFORE_EXECUTE))) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            meter.setAmiLinkUp(false);

            JsonNode failed = mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT);
            JsonNode status = mdms.get("/meters/" + meter.serial() + "/load-switch").json();

            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("reason").path("code").asText()).isEqualTo("METER_UNREACHABLE");
            assertThat(status.path("state").asText()).isEqualTo("OPEN");
            assertThat(status.path("source").asText()).isEqualTo("METER");
            assertThat(meter.relayClosed()).isTrue();

            // Not corrected later either, even with the meter reachable again.
            meter.setAmiLinkUp(true);
            assertThat(mdms.get("/meters/" + meter.serial() + "/load-switch").json().path("state").asText())
                    .isEqualTo("OPEN");
            assertThat(meter.relayClosed()).isTrue();
        }
    }

    @Test
    void opaqueErrorsAnswerEveryErrorWith500AndNoBody() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.OPAQUE_ERRORS))) {
            MdmsHttp mdms = MdmsLabs.client(lab);

            Reply unknownMeter = mdms.get("/meters/99999999");
            Reply badRequest = mdms.post("/meters/26000001/load-switch/commands", "{}");
            Reply noToken = mdms.send("GET", "/meters", null, Optional.empty());

            for (Reply reply : new Reply[] {unknownMeter, badRequest, noToken}) {
                assertThat(reply.status()).isEqualTo(500);
                assertThat(reply.body()).isEmpty();
            }
            assertThat(mdms.get("/meters/26000001").status()).isEqualTo(200);
        }
    }

    @Test
    void htmlErrorsAnswerEveryErrorWith200AndAnHtmlPage() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.HTML_ERRORS))) {
            MdmsHttp mdms = MdmsLabs.client(lab);

            Reply unknownMeter = mdms.get("/meters/99999999");
            Reply badRequest = mdms.post("/meters/26000001/load-switch/commands", "{}");
            Reply noToken = mdms.send("GET", "/meters", null, Optional.empty());

            for (Reply reply : new Reply[] {unknownMeter, badRequest, noToken}) {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
                assertThat(reply.body()).startsWith("<!DOCTYPE html>").contains("Something went wrong");
            }
            assertThat(unknownMeter.body()).contains("code 404");
            Reply known = mdms.get("/meters/26000001");
            assertThat(known.status()).isEqualTo(200);
            assertThat(known.json().path("serial").asText()).isEqualTo("26000001");
        }
    }

    @Test
    void generic200AnswersEmptySuccessEvenWhenNothingHappened() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.GENERIC_200))) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            meter.setAmiLinkUp(false);

            Reply command = mdms.post("/meters/" + meter.serial() + "/load-switch/commands", "{\"action\":\"OPEN\"}");
            Reply unknownMeter = mdms.get("/meters/99999999");
            Reply unreachableRead = mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255");

            for (Reply reply : new Reply[] {command, unknownMeter, unreachableRead}) {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo("{}");
            }
            Thread.sleep(300);
            assertThat(meter.relayClosed()).isTrue();
        }
    }

    @Test
    void generic200ReportsAFailedCommandAsExecutedWithoutReason() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.GENERIC_200));
                CapturedLog log = CapturedLog.of("org.testbench.lab.mdms", Level.INFO)) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            meter.setAmiLinkUp(false);

            assertThat(mdms.post("/meters/" + meter.serial() + "/load-switch/commands", "{\"action\":\"OPEN\"}").body())
                    .isEqualTo("{}");
            // The answer has no id; an operator would find it in the MDMS's own log.
            String id = log.events().stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.startsWith("Command ") && line.contains("accepted"))
                    .map(line -> line.split(" ")[1]).findFirst().orElseThrow();
            JsonNode command = mdms.awaitCommand(id, COMMAND_TIMEOUT);

            assertThat(command.path("status").asText()).isEqualTo("EXECUTED");
            assertThat(command.has("reason")).isFalse();
            assertThat(meter.relayClosed()).isTrue();
        }
    }

    @Test
    void noStatusOffersNoWayToReadTheLoadSwitchOrACommand() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.NO_STATUS))) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);

            Reply status = mdms.get("/meters/" + meter.serial() + "/load-switch");
            String id = mdms.switchLoad(meter.serial(), "OPEN");
            Reply command = mdms.get("/commands/" + id);

            assertThat(status.status()).isEqualTo(501);
            assertThat(status.body()).isEmpty();
            assertThat(command.status()).isEqualTo(404);
            assertThat(command.body()).isEmpty();
        }
    }

    @Test
    void unreachableAs500ReportsAnUnreachableMeterAsAnInternalError() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.UNREACHABLE_AS_500))) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            meter.setAmiLinkUp(false);

            Reply read = mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255");
            JsonNode command = mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT);

            assertThat(read.status()).isEqualTo(500);
            assertThat(read.json().path("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(command.path("status").asText()).isEqualTo("FAILED");
            assertThat(command.path("reason").path("code").asText()).isEqualTo("INTERNAL_ERROR");
        }
    }

    @Test
    void staleRegistersKeepTheFirstValueWithFreshTimestamps() throws Exception {
        try (VirtualLab lab = MdmsLabs.start(1, Set.of(MdmsFault.STALE_REGISTERS))) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            String path = "/meters/" + meter.serial() + "/registers/1.0.1.8.0.255";
            JsonNode first = mdms.get(path).json();

            meter.addEnergy(2500.0, 0);
            Thread.sleep(1100);
            Instant beforeSecondRead = Instant.now();
            JsonNode second = mdms.get(path).json();

            assertThat(meter.importEnergyWh()).isGreaterThan(first.path("value").asDouble() + 2000.0);
            assertThat(second.path("value").asDouble()).isEqualTo(first.path("value").asDouble());
            assertThat(Instant.parse(second.path("readTimestamp").asText())).isAfterOrEqualTo(
                    beforeSecondRead.truncatedTo(ChronoUnit.MILLIS));
            assertThat(Instant.parse(second.path("meterTimestamp").asText()))
                    .isAfter(Instant.parse(first.path("meterTimestamp").asText()));
        }
    }

    @Test
    void faultNamesParseAndUnknownOnesListTheValidNames() {
        assertThat(MdmsFault.parse(" Write-Before-Execute ")).isEqualTo(MdmsFault.WRITE_BEFORE_EXECUTE);
        assertThat(MdmsFault.parseList("opaque-errors,generic-200, no-status,,unreachable-as-500,stale-registers"))
                .containsExactlyInAnyOrder(MdmsFault.OPAQUE_ERRORS, MdmsFault.GENERIC_200, MdmsFault.NO_STATUS,
                        MdmsFault.UNREACHABLE_AS_500, MdmsFault.STALE_REGISTERS);
        assertThat(MdmsFault.parseList("")).isEmpty();
        assertThat(MdmsFault.WRITE_BEFORE_EXECUTE).hasToString("write-before-execute");
        assertThatThrownBy(() -> MdmsFault.parse("slow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'slow'")
                .hasMessageContaining("write-before-execute, opaque-errors, generic-200, no-status, "
                        + "unreachable-as-500, stale-registers, duplicate-events, drop-events, unchecked-signatures, "
                        + "slow-events, html-errors");
    }
}
