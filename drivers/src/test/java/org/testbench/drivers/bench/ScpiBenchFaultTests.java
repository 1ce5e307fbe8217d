package org.testbench.drivers.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;
import org.testbench.drivers.quantity.Unit;
import org.testbench.drivers.testing.ScriptedPeer;
import org.testbench.drivers.transport.PortAddress;

/**
 * Instruments that misbehave in ways the virtual lab's bench does not: answers with units, in the
 * wrong unit, garbage, silence, or a hang-up in the middle of a measurement.
 */
class ScpiBenchFaultTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    /** Answers *IDN? and SYST:POS?, then the given replies by command; "" means stay silent, null hang up. */
    private static ScpiPeerScript instrument(Map<String, String> replies) {
        return new ScpiPeerScript(replies);
    }

    private record ScpiPeerScript(Map<String, String> replies) implements ScriptedPeer.Script {
        @Override
        public void play(Socket s) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                String reply = switch (line) {
                    case "*IDN?" -> "ACME,MTB-2,123,4.5";
                    case "SYST:POS?" -> "2";
                    case "SYST:ERR?" -> "0,\"No error\"";
                    default -> replies.getOrDefault(line, "");
                };
                if (reply == null) {
                    return; // hang up
                }
                if (!reply.isEmpty()) {
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static ScpiBench connect(ScriptedPeer peer) throws Exception {
        return ScpiBench.connect(PortAddress.parse(peer.address()), TIMEOUT);
    }

    @Test
    void acceptsUnitsOfTheRightKindAndConvertsThem() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of("MEAS:ALL? (@1)", "230.1 V,4998 mA,1150 W,1.151 kVA")));
             ScpiBench bench = connect(peer)) {
            BenchReading r = bench.measure(1);
            assertThat(r.current().in(Unit.AMPERE)).isEqualTo(4.998);
            assertThat(r.apparentPower().in(Unit.VOLT_AMPERE)).isEqualTo(1151);
            assertThat(bench.identity().model()).isEqualTo("MTB-2");
        }
    }

    /** Found by HostileScpiProperties: an identity with ESC[2J inside was accepted and shown as it came. */
    @Test
    void aReplyWithAControlSequenceIsGarbledAndShownEscaped() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of("MEAS:ALL? (@1)", "230.1,4.99\u001B[2J,1150,1151",
                "OUTP?", "1\u0007")));
             ScpiBench bench = connect(peer)) {
            assertThatThrownBy(() -> bench.measure(1))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("holds byte 0x1B at column 11").hasMessageContaining("4.99\\x1B[2J")
                    .hasMessageNotContaining("\u001B");
            assertThatThrownBy(bench::isSourceOn).hasMessageContaining("'1\\x07'").hasMessageNotContaining("\u0007");
        }
    }

    @Test
    void reportsACurrentInVoltsAsAUnitMismatch() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of("MEAS:ALL? (@2)", "230.1,4.99 V,1150,1151")));
             ScpiBench bench = connect(peer)) {
            assertThatThrownBy(() -> bench.measure(2))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.UNIT_MISMATCH))
                    .hasMessageContaining("position 2: current came as '4.99 V', expected a value in A");
        }
    }

    @Test
    void reportsAGarbledReadingNamingTheField() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of("MEAS:ALL? (@1)", "230.1,lots,1150,1151")));
             ScpiBench bench = connect(peer)) {
            assertThatThrownBy(() -> bench.measure(1))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("current 'lots' is not a number");
        }
    }

    @Test
    void reportsASilentBenchWithTheCommandAndTheTimeout() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of()));
             ScpiBench bench = connect(peer)) {
            assertThatThrownBy(() -> bench.measure(1))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.NO_ANSWER))
                    .hasMessageContaining("no answer to 'MEAS:ALL? (@1)' within 500 ms");
        }
    }

    @Test
    void reportsABenchThatDisappearsInTheMiddleOfAMeasurement() throws Exception {
        java.util.HashMap<String, String> replies = new java.util.HashMap<>();
        replies.put("MEAS:ALL? (@1)", null);
        try (ScriptedPeer peer = new ScriptedPeer(instrument(replies));
             ScpiBench bench = connect(peer)) {
            assertThatThrownBy(() -> bench.measure(1))
                    .isInstanceOfSatisfying(DeviceException.class,
                            e -> assertThat(e.fault()).isEqualTo(Fault.CONNECTION_LOST))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void refusesAPositionOutsideTheBenchBeforeSendingAnything() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of()));
             ScpiBench bench = connect(peer)) {
            int before = bench.evidence().size();
            assertThatThrownBy(() -> bench.measure(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("position 3 is outside 1..2");
            assertThat(bench.evidence()).hasSize(before);
        }
    }

    @Test
    void somethingThatIsNoInstrumentFailsAtIdentification() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(s -> {
            // Answers the identification query with something else entirely.
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(1000);
        })) {
            assertThatThrownBy(() -> connect(peer))
                    .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.GARBLED))
                    .hasMessageContaining("does not have the four fields");
        }
    }

    @Test
    void keepsEveryCommandAndReplyAsEvidence() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(instrument(Map.of("MEAS:ALL? (@1)", "230,5,1150,1151")));
             ScpiBench bench = connect(peer)) {
            bench.measure(1);
            assertThat(bench.evidence()).extracting(ScpiExchange::command)
                    .containsExactly("*IDN?", "SYST:POS?", "MEAS:ALL? (@1)");
            assertThat(bench.evidence().get(2).reply()).isEqualTo("230,5,1150,1151");
        }
    }
}
