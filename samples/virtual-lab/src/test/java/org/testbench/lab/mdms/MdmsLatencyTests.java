package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsHttp.Reply;
import org.testbench.lab.support.MdmsLabs;
import org.testbench.lab.support.TestLabs;

/** Latency profiles: RF executes commands after 1-3 s, PLC after 2-30 min, both times the time scale. */
class MdmsLatencyTests {

    /** PLC at 1/1000: 120 ms to 1.8 s. */
    private static final double PLC_SCALE = 0.001;

    @Test
    void plcCommandStaysPendingForMinutesScaledThenExecutes() throws Exception {
        try (VirtualLab lab = VirtualLab.start(TestLabs.config(1).mdmsToken(MdmsLabs.TOKEN)
                .mdmsLatency(MdmsLatency.PLC).mdmsTimeScale(PLC_SCALE).build())) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            assertThat(lab.mdms().latency()).isEqualTo(MdmsLatency.PLC);
            assertThat(lab.mdms().timeScale()).isEqualTo(PLC_SCALE);

            Instant sent = Instant.now();
            String id = mdms.switchLoad(meter.serial(), "OPEN");
            Reply second = mdms.post("/meters/" + meter.serial() + "/load-switch/commands", "{\"action\":\"CLOSE\"}");
            JsonNode early = mdms.get("/commands/" + id).json();

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().path("code").asText()).isEqualTo("COMMAND_CONFLICT");
            assertThat(second.json().path("detail").asText()).contains(id);
            if (Duration.between(sent, Instant.now()).toMillis() < 100) {
                assertThat(early.path("status").asText()).isEqualTo("PENDING");
                assertThat(meter.relayClosed()).isTrue();
            }

            JsonNode done = mdms.awaitCommand(id, Duration.ofSeconds(10));
            assertThat(done.path("status").asText()).isEqualTo("EXECUTED");
            assertThat(Duration.between(Instant.parse(done.path("createdAt").asText()),
                    Instant.parse(done.path("completedAt").asText()))).isGreaterThanOrEqualTo(Duration.ofMillis(120));
            assertThat(meter.relayClosed()).isFalse();
            // Other kinds of command are not in conflict with a pending load-switch command.
            assertThat(mdms.post("/meters/" + meter.serial() + "/billing/new-period", null).status()).isEqualTo(202);
        }
    }

    @Test
    void profilesDrawDelaysFromTheirRangesTimesTheScale() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(MdmsLatency.RF.commandDelay(random, 1.0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
            assertThat(MdmsLatency.PLC.commandDelay(random, 1.0))
                    .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(30));
            assertThat(MdmsLatency.RF.commandDelay(random, 0.01))
                    .isBetween(Duration.ofMillis(10), Duration.ofMillis(30));
            assertThat(MdmsLatency.PLC.readDelay(random, 0.01))
                    .isBetween(Duration.ofMillis(50), Duration.ofMillis(300));
        }
        assertThat(MdmsLatency.parse("plc")).isEqualTo(MdmsLatency.PLC);
        assertThatThrownBy(() -> MdmsLatency.parse("gprs")).hasMessageContaining("rf, plc");
    }

    @Test
    void rfIsTheDefaultAtRealTime() throws Exception {
        assertThat(TestLabs.config(1).build().mdmsLatency()).isEqualTo(MdmsLatency.RF);
        assertThat(TestLabs.config(1).build().mdmsTimeScale()).isEqualTo(1.0);
        assertThat(TestLabs.config(1).build().mdmsFaults()).isEmpty();
        assertThatThrownBy(() -> TestLabs.config(1).mdmsTimeScale(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestLabs.config(1).mdmsTimeScale(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
