package org.testbench.lab.mdms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.CapturedLog;
import org.testbench.lab.support.MdmsHttp;
import org.testbench.lab.support.MdmsLabs;
import org.testbench.lab.support.TestCertificates;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** No secret reaches a log line, and close() leaves nothing running. */
class MdmsSecretsAndLifecycleTests {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void neitherKeysNorTheTokenAppearInTheLogs() throws Exception {
        List<ILoggingEvent> events;
        MeterSecrets secrets;
        try (CapturedLog log = CapturedLog.of("org.testbench", Level.TRACE);
                VirtualLab lab = MdmsLabs.start(1, Set.of())) {
            MdmsHttp mdms = MdmsLabs.client(lab);
            VirtualMeter meter = lab.meter(1);
            secrets = TestLabs.keysOf(lab, meter);

            String pem = new ObjectMapper().writeValueAsString(
                    Map.of("recipientCertificate", TestCertificates.ec("secp256r1").certificatePem()));
            assertThat(mdms.post("/meters/" + meter.serial() + "/keys", pem).status()).isEqualTo(200);
            assertThat(mdms.awaitCommand(mdms.switchLoad(meter.serial(), "OPEN"), COMMAND_TIMEOUT).path("status")
                    .asText()).isEqualTo("EXECUTED");
            assertThat(mdms.send("GET", "/meters", null, Optional.of(MdmsLabs.TOKEN + "x")).status()).isEqualTo(401);
            meter.setAmiLinkUp(false);
            assertThat(mdms.get("/meters/" + meter.serial() + "/registers/1.0.1.8.0.255").status()).isEqualTo(504);
            events = log.events();
        }

        assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("GET /meters -> 401"))
                .anySatisfy(line -> assertThat(line).contains("Keys of meter 26000001 exported"));
        String everything = events.stream().map(MdmsSecretsAndLifecycleTests::fullText)
                .collect(Collectors.joining("\n"));
        for (byte[] key : List.of(secrets.encryptionKey(), secrets.authenticationKey())) {
            for (String form : forms(key)) {
                assertThat(everything).doesNotContainIgnoringCase(form);
            }
        }
        assertThat(everything).doesNotContain(MdmsLabs.TOKEN).doesNotContain("Authorization")
                .doesNotContain("Bearer ");
    }

    /** Hex (both cases, with and without separators) and Base64 of a key, and of its halves. */
    private static List<String> forms(byte[] key) {
        List<String> forms = new ArrayList<>();
        forms.add(HexFormat.of().formatHex(key));
        forms.add(HexFormat.ofDelimiter(" ").formatHex(key));
        forms.add(Base64.getEncoder().encodeToString(key));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(key));
        forms.add(HexFormat.of().formatHex(key, 0, 8));
        forms.add(HexFormat.of().formatHex(key, 8, 16));
        return forms;
    }

    private static String fullText(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    @Test
    void closeStopsTheServerAndLeavesNoThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // PLC at 1/100: the command below waits 1.2 s or more, so it is still scheduled at close().
        VirtualLab lab = VirtualLab.start(MdmsLabs.config(2, Set.of()).mdmsLatency(MdmsLatency.PLC).build());
        String url = lab.mdms().url();
        MdmsHttp mdms = MdmsLabs.client(lab);
        assertThat(mdms.get("/meters/26000001/registers/1.0.1.8.0.255").status()).isEqualTo(200);
        // A command whose delay has not run out yet must not keep a thread alive.
        String pending = mdms.switchLoad("26000002", "OPEN");
        assertThat(mdms.get("/commands/" + pending).json().path("status").asText()).isEqualTo("PENDING");

        lab.close();
        lab.close();

        assertThatThrownBy(() -> new MdmsHttp(url, MdmsLabs.TOKEN).get("/health")).isInstanceOf(ConnectException.class);
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .filter(thread -> !before.contains(thread))
                    // The test's own HTTP clients (the JDK ends their threads when they are collected)
                    // and JDK-wide pools that outlive any single user.
                    .filter(thread -> !thread.getName().startsWith("HttpClient"))
                    .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool"))
                    .filter(thread -> !thread.getName().equals("process reaper"))
                    .map(Thread::getName).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        assertThat(left).isEmpty();
    }

    @Test
    void configurationNeverShowsTheToken() {
        LabConfig config = TestLabs.config(1).mdmsToken("s3cr3t-token").mdmsFaults(Set.of(MdmsFault.NO_STATUS))
                .mdmsLatency(MdmsLatency.PLC).build();

        assertThat(config.toString()).doesNotContain("s3cr3t-token").contains("mdmsToken=<redacted>")
                .contains("no-status").contains("PLC");
        assertThat(config.mdmsToken()).isEqualTo("s3cr3t-token");
        assertThat(TestLabs.config(1).build().mdmsToken()).hasSizeGreaterThanOrEqualTo(43)
                .isNotEqualTo(TestLabs.config(1).build().mdmsToken());
        assertThatThrownBy(() -> TestLabs.config(1).mdmsToken("with blank")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("with blank");
    }
}
