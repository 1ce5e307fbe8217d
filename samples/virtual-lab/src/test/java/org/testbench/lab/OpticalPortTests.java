package org.testbench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSData;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testbench.lab.meter.VirtualMeter;
import org.testbench.lab.support.DlmsTestClient;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.IecSignOn.Identification;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.TestLabs;

/** The optical port: IEC 62056-21 mode E sign-on, then HDLC, over TCP and over the pty. */
class OpticalPortTests {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final String IDENTIFICATION = "/TBL5\\\\2[\\x21-\\x7E]{1,16}\r\n";

    @Nested
    class OverTcp {

        private static VirtualLab lab;

        @BeforeAll
        static void startLab() throws IOException {
            lab = TestLabs.start(TestLabs.config(2));
        }

        @AfterAll
        static void stopLab() {
            lab.close();
        }

        @Test
        void identifiesWithParityAfterTheReactionTimeThenServesHdlc() throws Exception {
            VirtualMeter meter = lab.meter(1);
            try (Link link = Link.tcp(meter.opticalEndpoint())) {
                Identification identification = IecSignOn.signOnModeE(link, false);

                assertThat(identification.text()).matches(IDENTIFICATION).isEqualTo("/TBL5\\2EM3-26000001\r\n");
                assertThat(identification.parityValid()).isTrue();
                // The standard's timing, on the meter's own clock: a client's measurement is shifted by scheduling.
                assertThat(meter.lastOpticalReactionTime()).hasValueSatisfying(
                        own -> assertThat(own).isGreaterThanOrEqualTo(Duration.ofMillis(200)));

                DlmsTestClient client = DlmsTestClient.publicClient(link, InterfaceType.HDLC, false);
                client.associate();
                assertThat(client.read(new GXDLMSData("0.0.96.1.0.255"), 2)).isEqualTo(meter.serial());
                client.release();

                // After DISC the port is back in the sign-on phase.
                assertThat(IecSignOn.request(link, "", false).text()).matches(IDENTIFICATION);
            }
        }

        @Test
        void servesAResponseSpanningSeveralHdlcFrames() throws Exception {
            VirtualMeter meter = lab.meter(2);
            for (int i = 0; i < 10; i++) {
                meter.setSupplyOn(false);
                meter.setSupplyOn(true);
            }
            gurux.dlms.objects.GXDLMSProfileGeneric eventLog = new gurux.dlms.objects.GXDLMSProfileGeneric("0.0.99.98.0.255");
            try (Link link = Link.tcp(meter.opticalEndpoint())) {
                IecSignOn.signOnModeE(link, false);
                DlmsTestClient client = DlmsTestClient.publicClient(link, InterfaceType.HDLC, false);
                client.associate();
                client.read(eventLog, 3);
                client.read(eventLog, 2);
                assertThat(client.read(new GXDLMSData("0.0.96.1.0.255"), 2)).isEqualTo(meter.serial());
                client.release();
            }
            assertThat(eventLog.getBuffer()).hasSize(meter.eventLog().size());
        }

        @Test
        void answersItsOwnSerialAndStaysSilentForAnotherAddress() throws Exception {
            VirtualMeter meter = lab.meter(2);
            try (Link link = Link.tcp(meter.opticalEndpoint())) {
                assertThat(IecSignOn.request(link, meter.serial(), false).text()).contains(meter.serial());
                link.write(IecSignOn.withParity("/?99999999!\r\n"));
                assertThat(IecSignOn.isSilent(link, QUIET)).isTrue();
            }
        }

        @Test
        void ignoresARequestWithoutParity() throws Exception {
            try (Link link = Link.tcp(lab.meter(1).opticalEndpoint())) {
                link.write("/?!\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertThat(IecSignOn.isSilent(link, QUIET)).isTrue();
                assertThat(IecSignOn.request(link, "", false).parityValid()).isTrue();
            }
        }

        @Test
        void answersNakToAnOptionOtherThanModeE() throws Exception {
            try (Link link = Link.tcp(lab.meter(1).opticalEndpoint())) {
                IecSignOn.request(link, "", false);
                IecSignOn.selectOption(link, '0', '5', '0', false);
                assertThat(link.read(Duration.ofSeconds(2))).isEqualTo(IecSignOn.withParity(0x15) & 0xFF);
                // Back to waiting for a sign-on.
                assertThat(IecSignOn.request(link, "", false).text()).matches(IDENTIFICATION);
            }
        }

        @Test
        void servesOneClientAtATime() throws Exception {
            VirtualMeter meter = lab.meter(2);
            try (Link first = Link.tcp(meter.opticalEndpoint())) {
                IecSignOn.request(first, "", false);
                try (Link second = Link.tcp(meter.opticalEndpoint())) {
                    // Turned away once the port has been busy for its whole grace period.
                    assertThat(second.read(Duration.ofSeconds(5))).isEqualTo(-1);
                }
                assertThat(IecSignOn.request(first, "", false).text()).matches(IDENTIFICATION);
            }
        }

        @Test
        void servesAClientThatHangsUpAndDialsAgainAtOnce() throws Exception {
            VirtualMeter meter = lab.meter(2);
            for (int i = 0; i < 5; i++) {
                try (Link link = Link.tcp(meter.opticalEndpoint())) {
                    assertThat(IecSignOn.request(link, "", false).text()).matches(IDENTIFICATION);
                }
            }
        }
    }

    @Nested
    class WithEcho {

        private static VirtualLab lab;

        @BeforeAll
        static void startLab() throws IOException {
            lab = TestLabs.start(TestLabs.config(1).opticalEcho(true));
        }

        @AfterAll
        static void stopLab() {
            lab.close();
        }

        @Test
        void echoesEveryByteBeforeAnswering() throws Exception {
            VirtualMeter meter = lab.meter(1);
            try (Link link = Link.tcp(meter.opticalEndpoint())) {
                Identification identification = IecSignOn.signOnModeE(link, true);
                assertThat(identification.text()).matches(IDENTIFICATION);
                DlmsTestClient client = DlmsTestClient.publicClient(link, InterfaceType.HDLC, true);
                client.associate();
                assertThat(client.read(new GXDLMSData("0.0.42.0.0.255"), 2)).isNotNull();
                client.release();
            }
        }
    }

    @Nested
    class OverPseudoTerminal {

        private static VirtualLab lab;
        private static Path workDir;

        @BeforeAll
        static void startLab() throws IOException {
            assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed").isTrue();
            workDir = TestLabs.tempDir();
            lab = TestLabs.start(TestLabs.config(1).opticalPty(true).workDir(workDir));
        }

        @AfterAll
        static void stopLab() throws IOException {
            if (lab != null) {
                lab.close();
                TestLabs.deleteRecursively(workDir);
            }
        }

        @Test
        void signsOnAndServesHdlcOverThePty() throws Exception {
            VirtualMeter meter = lab.meter(1);
            Path pty = meter.opticalPty().orElseThrow();
            assertThat(pty).isEqualTo(workDir.resolve("meter-1-optical"));
            try (Link link = Link.serial(pty)) {
                Identification identification = IecSignOn.signOnModeE(link, false);
                assertThat(identification.text()).isEqualTo("/TBL5\\2EM3-26000001\r\n");
                assertThat(identification.parityValid()).isTrue();
                // The standard's timing, on the meter's own clock: a client's measurement is shifted by scheduling.
                assertThat(meter.lastOpticalReactionTime()).hasValueSatisfying(
                        own -> assertThat(own).isGreaterThanOrEqualTo(Duration.ofMillis(200)));

                DlmsTestClient client = DlmsTestClient.publicClient(link, InterfaceType.HDLC, false);
                client.associate();
                assertThat(client.read(new GXDLMSData("0.0.96.1.0.255"), 2)).isEqualTo(meter.serial());
                client.release();
                assertThat(IecSignOn.request(link, "", false).text()).matches(IDENTIFICATION);
            }
        }
    }
}
