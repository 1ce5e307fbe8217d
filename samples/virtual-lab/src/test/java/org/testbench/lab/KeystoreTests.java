package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSDisconnectControl;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;
import org.testbench.lab.support.TestLabs.MeterSecrets;

/** The keystore contract, and keys never leaking into logs. */
class KeystoreTests {

    @Test
    void holdsBothKeysOfEveryMeterUnderItsSerial() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(3))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(lab.keystore())) {
                store.load(in, TestLabs.PASSWORD);
            }
            assertThat(lab.keystore().getFileName().toString()).isEqualTo("meter-keys.p12");
            assertThat(Files.getPosixFilePermissions(lab.keystore()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            // EK and AK for DLMS, and the event-signing key (docs/events.md), per meter.
            assertThat(store.size()).isEqualTo(9);
            List<String> keys = new ArrayList<>();
            for (VirtualMeter meter : lab.meters()) {
                for (String alias : List.of(meter.serial() + ".ek", meter.serial() + ".ak")) {
                    assertThat(store.isKeyEntry(alias)).as(alias).isTrue();
                    Key key = store.getKey(alias, TestLabs.PASSWORD);
                    assertThat(key.getAlgorithm()).isEqualTo("AES");
                    assertThat(key.getEncoded()).hasSize(16);
                    keys.add(HexFormat.of().formatHex(key.getEncoded()));
                }
            }
            for (VirtualMeter meter : lab.meters()) {
                Key key = store.getKey(meter.serial() + ".evk", TestLabs.PASSWORD);
                assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
                assertThat(key.getEncoded()).hasSize(32);
                keys.add(HexFormat.of().formatHex(key.getEncoded()));
            }
            assertThat(keys).doesNotHaveDuplicates();
        }
    }

    @Test
    void wrongPasswordDoesNotOpenTheKeystore() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(lab.keystore())) {
                assertThatThrownBy(() -> store.load(in, "not-the-password".toCharArray())).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void noKeyBytesInAnyLogLine() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("org.testbench");
        Level previous = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.TRACE);
        List<String> secrets = new ArrayList<>();
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1))) {
            VirtualMeter meter = lab.meter(1);
            MeterSecrets keys = TestLabs.keysOf(lab, meter);
            for (byte[] key : List.of(keys.encryptionKey(), keys.authenticationKey())) {
                secrets.add(HexFormat.of().formatHex(key));
                secrets.add(HexFormat.of().withUpperCase().formatHex(key));
                secrets.add(java.util.Base64.getEncoder().encodeToString(key));
            }
            secrets.add(new String(TestLabs.PASSWORD));
            exerciseTheMeter(lab, meter, keys);
            assertThat(lab.toString() + meter + lab.keystore()).doesNotContain(secrets);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(20);
        assertThat(lines).anyMatch(line -> line.contains(" -> ")); // frames were logged at TRACE
        for (String line : lines) {
            assertThat(line).doesNotContain(secrets);
        }
    }

    /** Every path that touches keys: HLS over both ports, a wrong key, a replay, supply cycling. */
    private static void exerciseTheMeter(VirtualLab lab, VirtualMeter meter, MeterSecrets keys) throws Exception {
        GXDLMSDisconnectControl relay = new GXDLMSDisconnectControl("0.0.96.3.10.255");
        try (DlmsTestClient client = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, keys.encryptionKey(), keys.authenticationKey(), 1, true)) {
            client.associate();
            client.invoke(relay.remoteDisconnect(client.gurux()));
            client.replay(client.lastRequest());
        } catch (gurux.dlms.GXDLMSExceptionResponse expectedReplayRejection) {
            // The replay is refused; what matters here is what was logged.
        }
        byte[] wrong = keys.encryptionKey().clone();
        wrong[3] ^= 0x40;
        try (DlmsTestClient intruder = DlmsTestClient.managementClient(Link.tcp(meter.amiEndpoint()),
                InterfaceType.WRAPPER, false, wrong, keys.authenticationKey(), 100_000, false)) {
            intruder.associate();
        } catch (gurux.dlms.GXDLMSExceptionResponse expectedRejection) {
            // Refused, as it must be.
        }
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            IecSignOn.signOnModeE(optical, false);
            DlmsTestClient client = DlmsTestClient.managementClient(optical, InterfaceType.HDLC, false,
                    keys.encryptionKey(), keys.authenticationKey(), meter.lastAcceptedInvocationCounter() + 1, false);
            client.associate();
            client.invoke(relay.remoteReconnect(client.gurux()));
            client.release();
        }
        meter.setSupplyOn(false);
        meter.setSupplyOn(true);
    }
}
