package org.testbench.drivers.dlms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.optical.OpticalChannel;
import org.testbench.drivers.testing.ScriptedPeer;
import org.testbench.drivers.transport.PortAddress;

/** Meters that sign on and then fail at the DLMS level: silence, noise, a half frame. */
class SilentMeterTests {

    private static final SessionOptions OPTIONS = SessionOptions.defaults().withResponseTimeout(Duration.ofMillis(700));

    /** Signs on like a meter, then runs {@code afterSignOn}. */
    private static ScriptedPeer meterThat(ScriptedPeer.Script afterSignOn) throws Exception {
        return new ScriptedPeer(s -> {
            ScriptedPeer.readLine(s);
            s.getOutputStream().write(ScriptedPeer.sevenE1("/TBl5\\2EM3\r\n"));
            ScriptedPeer.readLine(s); // acknowledgement
            afterSignOn.play(s);
        });
    }

    private static void drainFor(java.net.Socket s, Duration d) throws Exception {
        s.setSoTimeout((int) d.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // swallow the client's frames
            }
        } catch (java.net.SocketTimeoutException expected) {
            // done
        }
    }

    @Test
    void saysHowLongItWaitedForASilentMeter() throws Exception {
        try (ScriptedPeer peer = meterThat(s -> drainFor(s, Duration.ofSeconds(3)))) {
            assertThatThrownBy(() -> MeterSession.openPublic(new OpticalChannel(PortAddress.parse(peer.address())), OPTIONS))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.NO_ANSWER))
                    .hasMessageContaining(peer.address())
                    .hasMessageContaining("no answer from the meter within 700 ms")
                    .hasMessageContaining("SNRM");
        }
    }

    @Test
    void reportsNoiseInsteadOfAFrame() throws Exception {
        try (ScriptedPeer peer = meterThat(s -> {
            s.getOutputStream().write("this is not an HDLC frame".getBytes());
            drainFor(s, Duration.ofSeconds(3));
        })) {
            assertThatThrownBy(() -> MeterSession.openPublic(new OpticalChannel(PortAddress.parse(peer.address())), OPTIONS))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("no complete DLMS frame")
                    .hasMessageContaining("74 68 69 73"); // "this", so the technician sees what came
        }
    }
}
