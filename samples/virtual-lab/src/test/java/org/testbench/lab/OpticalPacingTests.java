package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import gurux.dlms.GXDLMSClient;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;

import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.HdlcPhysicalAddress;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.optical.OpticalPacing;
import org.testbench.lab.port.LineRecord;
import org.testbench.lab.port.LineRecord.Direction;
import org.testbench.lab.port.LineRecord.Transmission;
import org.testbench.lab.port.PacedLink;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;

/**
 * A paced optical line takes a real line's time: checked on the simulator's own record of what it
 * received and sent when, never on the test's clock.
 */
class OpticalPacingTests {

    private static final long MS = 1_000_000L;

    @Test
    void modeESignOnRunsAt300BaudWithTheReactionTimeThenHdlcAtTheSelectedBaud() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1).opticalPacing(OpticalPacing.LINE))) {
            VirtualMeter meter = lab.meter(1);
            Link link = Link.tcp(meter.opticalEndpoint());
            try (DlmsTestClient client = DlmsTestClient.publicClient(link, InterfaceType.HDLC, false)) {
                IecSignOn.signOnModeE(link, false);
                client.associate();
                client.read(new GXDLMSData(MeterType.SERIAL_OBIS), 2);
                client.release();
            }
            List<Transmission> line = meter.opticalLine().transmissions();
            Transmission request = line.get(0);
            Transmission identification = line.get(1);
            assertThat(request.direction()).isEqualTo(Direction.RECEIVED);
            assertThat(identification.direction()).isEqualTo(Direction.SENT);
            assertThat(identification.bytes()[0] & 0x7F).isEqualTo('/');
            assertThat(identification.baud()).isEqualTo(300);
            assertThat(identification.durationNanos())
                    .isEqualTo(PacedLink.lineNanos(identification.length(), 300))
                    .isEqualTo(identification.length() * 10L * 1_000_000_000L / 300);
            assertThat(identification.startNanos() - request.endNanos()).as("reaction time t_r")
                    .isGreaterThanOrEqualTo(200 * MS);
            List<Transmission> hdlc = line.subList(3, line.size());
            assertThat(line.get(2).baud()).as("the option select itself").isEqualTo(300);
            assertThat(hdlc).isNotEmpty().allSatisfy(t -> {
                assertThat(t.baud()).isEqualTo(9600);
                assertThat(t.durationNanos()).isEqualTo(PacedLink.lineNanos(t.length(), 9600));
            });
            for (int i = 1; i < line.size(); i++) {
                assertThat(line.get(i).startNanos()).as("half duplex: one burst at a time")
                        .isGreaterThanOrEqualTo(line.get(i - 1).endNanos());
            }
        }
    }

    @Test
    void directHdlcLineRunsAtItsFixedBaudFromTheFirstByte() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1).meterTypes(List.of(MeterType.DIRECT_HDLC))
                .opticalPacing(OpticalPacing.LINE))) {
            VirtualMeter meter = lab.meter(1);
            int server = GXDLMSClient.getServerAddress(1, HdlcPhysicalAddress.fromSerial(meter.serial()));
            try (DlmsTestClient client = DlmsTestClient.of(Link.tcp(meter.opticalEndpoint()),
                    new gurux.dlms.secure.GXDLMSSecureClient(true, 16, server, gurux.dlms.enums.Authentication.NONE,
                            null, InterfaceType.HDLC), false)) {
                client.associate();
                Object serial = client.read(new GXDLMSData(MeterType.SERIAL_OBIS), 2);
                assertThat(String.valueOf(serial)).isEqualTo(meter.serial());
                client.release();
            }
            List<Transmission> line = meter.opticalLine().transmissions();
            assertThat(line).hasSizeGreaterThanOrEqualTo(8).allSatisfy(t -> assertThat(t.baud()).isEqualTo(9600));
            assertThat(line.get(0).bytes()[0] & 0xFF).as("an HDLC flag first, no sign-on").isEqualTo(0x7E);
        }
    }

    @Test
    void anUnpacedLabRecordsNothing() throws Exception {
        try (VirtualLab lab = TestLabs.start(TestLabs.config(1))) {
            Link link = Link.tcp(lab.meter(1).opticalEndpoint());
            try (link) {
                IecSignOn.request(link, "", false);
            }
            LineRecord record = lab.meter(1).opticalLine();
            assertThat(record.transmissions()).isEmpty();
        }
    }
}
