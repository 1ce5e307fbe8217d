package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.MeterEvent;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;

/** The bench's switches: AMI link and supply. */
class SupplyAndLinkTests {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final GXDLMSData SERIAL = new GXDLMSData("0.0.96.1.0.255");

    private VirtualLab lab;

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void amiLinkDownDropsAndRefusesConnectionsWhileOpticalKeepsAnswering() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        try (Link established = Link.tcp(meter.amiEndpoint())) {
            DlmsTestClient client = DlmsTestClient.publicClient(established, InterfaceType.WRAPPER, false);
            client.associate();

            meter.setAmiLinkUp(false);

            assertThat(established.read(Duration.ofSeconds(2))).isEqualTo(-1);
        }
        try (Link refused = Link.tcp(meter.amiEndpoint())) {
            DlmsTestClient client = DlmsTestClient.publicClient(refused, InterfaceType.WRAPPER, false);
            assertThatThrownBy(client::associate).isInstanceOf(IOException.class);
        }
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            assertThat(IecSignOn.request(optical, "", false).text()).startsWith("/TBL5");
        }

        meter.setAmiLinkUp(true);
        try (DlmsTestClient client = DlmsTestClient.publicClient(Link.tcp(meter.amiEndpoint()), InterfaceType.WRAPPER,
                false)) {
            client.associate();
            assertThat(client.read(SERIAL, 2)).isEqualTo(meter.serial());
        }
    }

    @Test
    void supplyOffSilencesBothPortsAndPowerUpIsLogged() throws Exception {
        lab = TestLabs.start(TestLabs.config(1));
        VirtualMeter meter = lab.meter(1);
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            IecSignOn.signOnModeE(optical, false);
            DlmsTestClient client = DlmsTestClient.publicClient(optical, InterfaceType.HDLC, false);
            client.associate();

            meter.setSupplyOn(false);

            assertThat(optical.read(Duration.ofSeconds(2))).isEqualTo(-1);
        }
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            optical.write(IecSignOn.withParity("/?!\r\n"));
            assertThat(optical.read(QUIET)).isEqualTo(-1);
        }
        try (Link ami = Link.tcp(meter.amiEndpoint())) {
            assertThatThrownBy(DlmsTestClient.publicClient(ami, InterfaceType.WRAPPER, false)::associate)
                    .isInstanceOf(IOException.class);
        }
        assertThat(lastEvent(meter).code()).isEqualTo(2);

        meter.setSupplyOn(true);

        assertThat(lastEvent(meter).code()).isEqualTo(1);
        assertThat(meter.relayClosed()).isTrue();
        try (Link optical = Link.tcp(meter.opticalEndpoint())) {
            assertThat(IecSignOn.request(optical, "", false).text()).startsWith("/TBL5");
        }
    }

    @Test
    void supplyOffSilencesThePty() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed").isTrue();
        lab = TestLabs.start(TestLabs.config(1).opticalPty(true));
        VirtualMeter meter = lab.meter(1);
        try (Link pty = Link.serial(meter.opticalPty().orElseThrow())) {
            assertThat(IecSignOn.request(pty, "", false).text()).startsWith("/TBL5");

            meter.setSupplyOn(false);
            pty.write(IecSignOn.withParity("/?!\r\n"));
            assertThat(IecSignOn.isSilent(pty, QUIET)).isTrue();

            meter.setSupplyOn(true);
            assertThat(IecSignOn.request(pty, "", false).text()).startsWith("/TBL5");
        }
    }

    private static MeterEvent lastEvent(VirtualMeter meter) {
        List<MeterEvent> events = meter.eventLog();
        return events.get(events.size() - 1);
    }
}
