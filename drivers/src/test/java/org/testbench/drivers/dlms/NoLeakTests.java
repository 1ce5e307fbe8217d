package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.profile.ProfiledMeter;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.keys.MeterKeys;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.optical.SignOnOptions;
import org.testbench.drivers.testing.CapturedLog;
import org.testbench.drivers.testing.LabFixture;
import org.testbench.drivers.testing.ScriptedPeer;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.lab.meter.VirtualMeter;

/** Failures leave nothing behind, and keys appear nowhere: not in logs, not in messages. */
class NoLeakTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofSeconds(2));
    private static LabFixture fixture;

    @BeforeAll
    static void startLab() throws Exception {
        fixture = LabFixture.start(1);
    }

    @AfterAll
    static void stopLab() throws Exception {
        fixture.close();
    }

    private static long openFileDescriptors() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    @Test
    void failedConnectionsLeaveNoPortOrThreadOpen() throws Exception {
        VirtualMeter meter = fixture.meter(1);
        SignOnOptions quick = SignOnOptions.defaults().withResponseTimeout(Duration.ofMillis(200)).withAttempts(1);
        MeterKeys wrong = new MeterKeys(meter.serial(), new byte[16], new byte[16]);
        // Warm up class loading and the lab's own sockets before counting.
        ProfiledMeter.read(new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())), List.of(), OPTIONS);
        long fdsBefore = openFileDescriptors();
        int threadsBefore = Thread.activeCount();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> MeterSession.openPublic(
                    new OpticalChannel(PortAddress.parse("/dev/ttyNOSUCH0"), quick), OPTIONS))
                    .isInstanceOf(DeviceException.class);
            try (ScriptedPeer garbage = new ScriptedPeer(s -> {
                s.getOutputStream().write("garbage garbage garbage\r\n".getBytes());
                Thread.sleep(500);
            })) {
                assertThatThrownBy(() -> MeterSession.openPublic(
                        new OpticalChannel(PortAddress.parse(garbage.address()), quick), OPTIONS))
                        .isInstanceOf(DeviceException.class);
            }
            assertThatThrownBy(() -> MeterSession.openManagement(
                    new AmiChannel(PortAddress.parse(meter.amiEndpoint()), Duration.ofSeconds(1)), wrong, 1, OPTIONS))
                    .isInstanceOf(DeviceException.class);
        }
        // The meter still answers: the failed sessions released its ports.
        ProfiledMeter.read(new OpticalChannel(PortAddress.parse(meter.opticalEndpoint())), List.of(), OPTIONS);
        Thread.sleep(600); // the scripted peers' threads end after their sleep

        assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 2);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 1);
    }

    @Test
    void keysNeverAppearInLogsOrErrorMessages() throws Exception {
        VirtualMeter meter = fixture.meter(1);
        List<String> errors = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<ILoggingEvent> events;
        try (CapturedLog log = CapturedLog.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE);
             // org.testbench has its own level in logback-test.xml; its events also reach the root's capture.
             CapturedLog ours = CapturedLog.of("org.testbench", Level.TRACE);
             MeterKeys keys = fixture.keyStore().keysFor(meter.serial())) {
            secrets.add(HexFormat.of().formatHex(keys.encryptionKey()));
            secrets.add(HexFormat.of().formatHex(keys.authenticationKey()));
            OpticalChannel channel = new OpticalChannel(PortAddress.parse(meter.opticalEndpoint()));
            try (MeterSession s = MeterSession.openManagement(channel, fixture.keyStore(), OPTIONS)) {
                s.remoteDisconnect();
                s.remoteReconnect();
                errors.add(s.toString());
            }
            // A failing association with a key that is almost right.
            byte[] nearlyEk = keys.encryptionKey();
            nearlyEk[15] ^= 1;
            secrets.add(HexFormat.of().formatHex(nearlyEk));
            try {
                MeterSession.openManagement(channel, new MeterKeys(meter.serial(), nearlyEk, keys.authenticationKey()),
                        meter.lastAcceptedInvocationCounter() + 1, OPTIONS).close();
            } catch (DeviceException e) {
                errors.add(e.toString());
                errors.add(ThrowableProxyUtil.asString(new ch.qos.logback.classic.spi.ThrowableProxy(e)));
            }
            errors.add(keys.toString());
            events = log.events();
        }
        List<String> lines = new ArrayList<>(errors);
        for (ILoggingEvent event : events) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(events).as("TRACE logging captured something").isNotEmpty();
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT).replace(" ", "");
            for (String secret : secrets) {
                assertThat(lower).as("a log line or message").doesNotContain(secret);
            }
        }
    }
}
