package org.testbench.drivers.optical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.testing.ScriptedPeer;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.drivers.transport.Transport;

/** Sign-on against scripted heads: the protocol's bytes, its timing and every way it can go wrong. */
class ModeESignOnTests {

    private static final SignOnOptions FAST = SignOnOptions.defaults().withResponseTimeout(Duration.ofMillis(400));

    private static SignOnResult signOn(ScriptedPeer peer, SignOnOptions options) throws Exception {
        OpticalChannel channel = new OpticalChannel(PortAddress.parse(peer.address()), options);
        try (Transport t = channel.connect()) {
            return channel.lastSignOn().orElseThrow();
        }
    }

    @Test
    void sendsRequestAndAcknowledgesModeEAtTheProposedRate() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        AtomicReference<String> ack = new AtomicReference<>();
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            request.set(ScriptedPeer.readLine(s));
            Thread.sleep(220);
            s.getOutputStream().write(ScriptedPeer.sevenE1("/TBL5\\2EM3-26000001\r\n"));
            ack.set(ScriptedPeer.readLine(s));
        })) {
            SignOnResult result = signOn(peer, FAST);
            peer.awaitScript();
            assertThat(request.get()).isEqualTo("/?!\r\n");
            assertThat(ack.get()).isEqualTo("\u00062" + "5" + "2\r\n");
            assertThat(result.identification().manufacturerFlag()).isEqualTo("TBL");
            assertThat(result.baud()).isEqualTo(9600);
            assertThat(result.echo()).isFalse();
            // Recorded as evidence; the 200 ms the standard requires is the meter's to keep and is checked
            // on the virtual meter's own clock (OpticalPortTests), never on this side's.
            assertThat(result.reactionTime()).isPositive();
        }
    }

    @Test
    void capsTheRateAtTheConfiguredMaximum() throws Exception {
        AtomicReference<String> ack = new AtomicReference<>();
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            ScriptedPeer.readLine(s);
            s.getOutputStream().write(ScriptedPeer.sevenE1("/TBl6\\2X\r\n"));
            ack.set(ScriptedPeer.readLine(s));
        })) {
            SignOnOptions capped = new SignOnOptions(4800, Duration.ofMillis(400), Duration.ofMillis(400), 1,
                    Duration.ofSeconds(2));
            SignOnResult result = signOn(peer, capped);
            peer.awaitScript();
            assertThat(result.baud()).isEqualTo(4800);
            assertThat(ack.get()).isEqualTo("\u000624" + "2\r\n");
        }
    }

    @Test
    void dropsTheEchoOfAHalfDuplexHead() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            OutputStream out = s.getOutputStream();
            String req = ScriptedPeer.readLine(s);
            out.write(ScriptedPeer.sevenE1(req));
            out.write(ScriptedPeer.sevenE1("/TBL5\\2EM3\r\n"));
            String ack = ScriptedPeer.readLine(s);
            out.write(ScriptedPeer.sevenE1(ack));
        })) {
            SignOnResult result = signOn(peer, FAST);
            peer.awaitScript();
            assertThat(result.echo()).isTrue();
            assertThat(result.identification().text()).isEqualTo("EM3");
        }
    }

    @Test
    void reportsASilentMeterWithTheTimeoutAndAttempts() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> Thread.sleep(3000))) {
            assertThatThrownBy(() -> signOn(peer, FAST))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.NO_ANSWER))
                    .hasMessageContaining(peer.address())
                    .hasMessageContaining("within 400 ms")
                    .hasMessageContaining("2 attempts");
        }
    }

    @Test
    void reportsNoiseAsGarbled() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            ScriptedPeer.readLine(s);
            s.getOutputStream().write(new byte[] {0x2F, 0x54, 0x42, 0x4C, 0x35, 0x0D, 0x0A}); // parity bits missing
            Thread.sleep(3000);
        })) {
            assertThatThrownBy(() -> signOn(peer, FAST.withAttempts(1)))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("parity error in identification");
        }
    }

    @Test
    void reportsALineThatIsNoIdentification() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            ScriptedPeer.readLine(s);
            s.getOutputStream().write(ScriptedPeer.sevenE1("HELLO\r\n"));
            Thread.sleep(3000);
        })) {
            assertThatThrownBy(() -> signOn(peer, FAST.withAttempts(1)))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("expected an identification message")
                    .hasMessageContaining("'HELLO'");
        }
    }

    @Test
    void reportsAHeadThatHangsUp() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> ScriptedPeer.readLine(s))) {
            assertThatThrownBy(() -> signOn(peer, FAST))
                    .isInstanceOfSatisfying(DeviceException.class,
                            e -> assertThat(e.fault()).isEqualTo(Fault.CONNECTION_LOST))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void reportsARefusedTcpHead() {
        assertThatThrownBy(() -> new OpticalChannel(PortAddress.parse("tcp:127.0.0.1:1")).connect())
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.fault()).isEqualTo(Fault.PORT_NOT_FOUND))
                .hasMessageContaining("tcp:127.0.0.1:1").hasMessageContaining("refused");
    }

    @Test
    void reportsAMissingSerialDevice() {
        assertThatThrownBy(() -> new OpticalChannel(PortAddress.parse("/dev/ttyNOSUCH7")).connect())
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.fault()).isEqualTo(Fault.PORT_NOT_FOUND))
                .hasMessage("/dev/ttyNOSUCH7: no such serial device");
    }
}
