package org.testbench.drivers.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortAddressTests {

    @Test
    void readsTcpAddress() {
        PortAddress a = PortAddress.parse("tcp:127.0.0.1:4059");
        assertThat(a.isTcp()).isTrue();
        assertThat(a.host()).isEqualTo("127.0.0.1");
        assertThat(a.tcpPort()).isEqualTo(4059);
        assertThat(a).hasToString("tcp:127.0.0.1:4059");
    }

    @Test
    void readsIpv6Literal() {
        PortAddress a = PortAddress.parse("tcp:[::1]:4059");
        assertThat(a.host()).isEqualTo("::1");
        assertThat(PortAddress.parse(a.toString())).isEqualTo(a);
    }

    @Test
    void readsAnythingElseAsADevicePath() {
        PortAddress a = PortAddress.parse("/dev/ttyUSB0");
        assertThat(a.isTcp()).isFalse();
        assertThat(a.device()).isEqualTo(Path.of("/dev/ttyUSB0"));
        assertThat(a).hasToString("/dev/ttyUSB0");
    }

    @Test
    void rejectsTcpWithoutPort() {
        assertThatThrownBy(() -> PortAddress.parse("tcp:localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tcp:localhost'").hasMessageContaining("tcp:HOST:PORT");
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatThrownBy(() -> PortAddress.parse("tcp:localhost:70000"))
                .hasMessageContaining("70000 is outside 1..65535");
        assertThatThrownBy(() -> PortAddress.parse("tcp:localhost:abc"))
                .hasMessageContaining("'abc' is not a TCP port number");
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> PortAddress.parse(" ")).hasMessageContaining("empty port");
    }
}
