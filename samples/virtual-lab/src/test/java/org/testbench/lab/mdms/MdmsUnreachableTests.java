package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;

/** The correct MDMS keeps "meter unreachable" apart from its own faults and claims no state change. */
class MdmsUnreachableTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private VirtualLab lab;
    private MdmsHttp mdms;
    private VirtualMeter meter;

    @BeforeEach
    void startLab() throws Exception {
        lab = MdmsLabs.start(1, Set.of());
        mdms = MdmsLabs.client(lab);
        meter = lab.meter(1);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void commandToAMeterWithoutAmiLinkFailsAsUnreachableAndChangesNothing() throws Exception {
        meter.setAmiLinkUp(false);

        JsonNode failed = mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT);

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").path("code").asText()).isEqualTo("METER_UNREACHABLE");
        assertThat(failed.path("reason").path("message").asText()).contains(meter.serial());
        assertThat(failed.path("completedAt").isNull()).isFalse();
        assertThat(meter.relayClosed()).isTrue();
        JsonNode record = mdms.get("/meters/" + meter.serial()).json();
        assertThat(record.path("communication").path("status").asText()).isEqualTo("OFFLINE");

        meter.setAmiLinkUp(true);
        JsonNode executed = mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT);
        assertThat(executed.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(meter.relayClosed()).isFalse();
        assertThat(mdms.get("/meters/" + meter.serial()).json().path("communication").path("status").asText())
                .isEqualTo("ONLINE");
    }

    @Test
    void synchronousReadOfAnUnreachableMeterIs504MeterUnreachable() throws Exception {
        meter.setAmiLinkUp(false);

        for (String path : new String[] {"/registers/1.0.1.8.0.255", "/events", "/load-switch"}) {
            Reply reply = mdms.get("/meters/" + meter.serial() + path);
            assertThat(reply.status()).as(path).isEqualTo(504);
            assertThat(reply.json().path("code").asText()).isEqualTo("METER_UNREACHABLE");
            assertThat(reply.json().path("meter").asText()).isEqualTo(meter.serial());
            assertThat(reply.json().path("detail").asText()).isNotBlank();
        }
    }

    @Test
    void loadSwitchStatusOfAnUnreachableMeterIsTheLastReadingMarkedCache() throws Exception {
        JsonNode read = mdms.get("/meters/" + meter.serial() + "/load-switch").json();
        assertThat(read.path("source").asText()).isEqualTo("METER");

        meter.setAmiLinkUp(false);
        assertThat(mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT).path("status").asText())
                .isEqualTo("FAILED");
        JsonNode cached = mdms.get("/meters/" + meter.serial() + "/load-switch").json();

        assertThat(cached.path("state").asText()).isEqualTo("CLOSED");
        assertThat(cached.path("source").asText()).isEqualTo("CACHE");
        assertThat(Instant.parse(cached.path("readAt").asText())).isEqualTo(Instant.parse(read.path("readAt").asText()));
    }

    @Test
    void supplyOffMakesTheMeterUnreachableToo() throws Exception {
        meter.setSupplyOn(false);

        JsonNode failed = mdms.awaitCommand(mdms.post("/meters/" + meter.serial() + "/billing/new-period", null)
                .json().path("commandId").asText(), COMMAND_TIMEOUT);

        assertThat(failed.path("reason").path("code").asText()).isEqualTo("METER_UNREACHABLE");
        assertThat(meter.billingPeriodCounter()).isZero();
    }
}
