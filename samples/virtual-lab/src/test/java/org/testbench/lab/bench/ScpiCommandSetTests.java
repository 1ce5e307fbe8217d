package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;

/** The bench's SCPI command set (docs/bench-scpi.md), spoken over raw TCP. */
class ScpiCommandSetTests {

    private static final String NO_ERROR = "0,\"No error\"";

    private static VirtualLab lab;
    private ScpiTestClient bench;

    @BeforeAll
    static void startLab() throws IOException {
        lab = TestLabs.start(TestLabs.config(4));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @BeforeEach
    void connectAndReset() throws IOException {
        bench = ScpiTestClient.tcp(lab.bench().scpiEndpoint());
        bench.send("*RST");
        bench.send("*CLS");
        // Settings get no reply: wait until they are carried out, or a slow server could apply this
        // *RST after the test's own commands (seen under load).
        assertThat(bench.query("*OPC?")).isEqualTo("1");
    }

    @AfterEach
    void disconnect() throws IOException {
        bench.close();
    }

    @Nested
    class Identification {

        @Test
        void identifiesItselfWithItsNumberOfPositions() throws IOException {
            assertThat(bench.query("*IDN?")).isEqualTo("TESTBENCH LAB,VB-4,VB260004,1.0.0");
            assertThat(bench.query("*idn?")).isEqualTo("TESTBENCH LAB,VB-4,VB260004,1.0.0");
        }

        @Test
        void reportsOnePositionPerMeter() throws IOException {
            assertThat(bench.query("SYST:POS?")).isEqualTo("4");
            assertThat(bench.query("SYSTem:POSitions?")).isEqualTo("4");
            assertThat(lab.bench().positions()).isEqualTo(4);
        }

        @Test
        void answersOperationCompleteAfterEarlierCommands() throws IOException {
            bench.send("SOUR:VOLT 120");
            assertThat(bench.query("*OPC?")).isEqualTo("1");
            assertThat(lab.bench().voltage()).isEqualTo(120.0);
        }

        @Test
        void givesItsEndpointOnLoopback() {
            assertThat(lab.bench().scpiEndpoint()).matches("tcp:127\\.0\\.0\\.1:\\d+");
            assertThat(lab.bench().serialPty()).isEmpty();
        }
    }

    @Nested
    class Source {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "SOUR:VOLT 120         | SOUR:VOLT?          | 120.000",
                "SOURce:VOLTage 57.7   | SOURce:VOLTage?     | 57.700",
                "sour:volt 2.3E2       | Sour:Volt?          | 230.000",
                ":SOUR:VOLT 100V       | SOUR:VOLT?          | 100.000",
                "SOUR:VOLT 110 v       | SOUR:VOLT?          | 110.000",
                "SOUR:VOLT 0           | SOUR:VOLT?          | 0.000",
                "SOUR:VOLT 300         | SOUR:VOLT?          | 300.000",
                "SOUR:CURR 5           | SOUR:CURR?          | 5.000",
                "SOURCE:CURRENT 10.5A  | source:current?     | 10.500",
                "SOUR:CURR 100         | SOUR:CURR?          | 100.000",
                "SOUR:PHAS 60          | SOUR:PHAS?          | 60.000",
                "SOURce:PHASe -45.5DEG | SOURce:PHASe?       | -45.500",
                "SOUR:PHAS 180deg      | SOUR:PHAS?          | 180.000",
                "SOUR:PHAS -180        | SOUR:PHAS?          | -180.000",
        })
        void setsAndReportsTheSourceInShortAndLongForm(String setting, String query, String reply) throws IOException {
            bench.send(setting);
            assertThat(bench.query(query)).isEqualTo(reply);
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"OUTP ON", "OUTPut ON", "outp on", "OUTP 1"})
        void switchesTheOutputOn(String command) throws IOException {
            bench.send(command);
            assertThat(bench.query("OUTP?")).isEqualTo("1");
            assertThat(bench.query("OUTPut?")).isEqualTo("1");
            assertThat(lab.bench().sourceOn()).isTrue();

            bench.send(command.replace("ON", "OFF").replace("on", "off").replace("1", "0"));
            assertThat(bench.query("OUTP?")).isEqualTo("0");
            assertThat(lab.bench().sourceOn()).isFalse();
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }

        @Test
        void resetSwitchesTheSourceOffAtNominalVoltageAndNoCurrent() throws IOException {
            bench.send("SOUR:VOLT 100");
            bench.send("SOUR:CURR 20");
            bench.send("SOUR:PHAS 90");
            bench.send("OUTP ON");

            bench.send("*RST");

            assertThat(bench.query("OUTP?")).isEqualTo("0");
            assertThat(bench.query("SOUR:VOLT?")).isEqualTo("230.000");
            assertThat(bench.query("SOUR:CURR?")).isEqualTo("0.000");
            assertThat(bench.query("SOUR:PHAS?")).isEqualTo("0.000");
        }

        @Test
        void resetKeepsTheErrorQueue() throws IOException {
            bench.send("FOO");
            bench.send("*RST");
            assertThat(bench.nextError()).startsWith("-113,");
        }
    }

    @Nested
    class Routes {

        @Test
        void switchesAndReportsTheAmiLinkOfOnePosition() throws IOException {
            bench.send("ROUT:AMI (@2),OFF");
            assertThat(bench.query("ROUT:AMI? (@2)")).isEqualTo("0");
            assertThat(bench.query("ROUTe:AMI? (@1)")).isEqualTo("1");
            assertThat(lab.meter(2).amiLinkUp()).isFalse();
            assertThat(lab.meter(1).amiLinkUp()).isTrue();

            bench.send("route:ami (@2), on");
            assertThat(bench.query("ROUT:AMI? (@2)")).isEqualTo("1");
            assertThat(lab.meter(2).amiLinkUp()).isTrue();
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }

        @Test
        void switchesAndReportsTheSupplyOfOnePosition() throws IOException {
            bench.send("ROUTe:SUPPly (@3),OFF");
            assertThat(bench.query("ROUT:SUPP? (@3)")).isEqualTo("0");
            assertThat(lab.meter(3).supplyOn()).isFalse();
            assertThat(lab.meter(4).supplyOn()).isTrue();

            bench.send("ROUT:SUPP (@3),1");
            assertThat(bench.query("ROUTe:SUPPly? (@3)")).isEqualTo("1");
            assertThat(lab.meter(3).supplyOn()).isTrue();
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }

        @Test
        void resetRestoresEveryLinkAndSupply() throws IOException {
            bench.send("ROUT:AMI (@1),OFF");
            bench.send("ROUT:SUPP (@4),OFF");

            bench.send("*RST");

            assertThat(bench.query("ROUT:AMI? (@1)")).isEqualTo("1");
            assertThat(bench.query("ROUT:SUPP? (@4)")).isEqualTo("1");
            assertThat(lab.meters()).allSatisfy(meter -> {
                assertThat(meter.amiLinkUp()).isTrue();
                assertThat(meter.supplyOn()).isTrue();
            });
        }

        @Test
        void measuresEveryPositionInBareSiNumbers() throws IOException {
            assertThat(bench.query("MEAS:ALL? (@1)")).matches("\\d+\\.\\d{3},\\d+\\.\\d{4},-?\\d+\\.\\d{2},\\d+\\.\\d{2}");
            assertThat(bench.query("MEASure:ALL? (@4)")).matches("[\\d.,-]+");
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }
    }

    @Nested
    class Errors {

        @Test
        void reportsAnEmptyQueueAsNoError() throws IOException {
            assertThat(bench.query("SYST:ERR?")).isEqualTo(NO_ERROR);
            assertThat(bench.query("SYSTem:ERRor?")).isEqualTo(NO_ERROR);
        }

        @Test
        void namesAnUnknownHeader() throws IOException {
            bench.send("SOUR:FREQ 50");
            bench.send("SOURC:VOLT 100");
            assertThat(bench.drainErrors()).containsExactly(
                    "-113,\"Undefined header; SOUR:FREQ\"",
                    "-113,\"Undefined header; SOURC:VOLT\"");
            assertThat(lab.bench().voltage()).isEqualTo(230.0);
        }

        @Test
        void answersAFailedQueryWithAnEmptyLineSoTheClientNeverWaits() throws IOException {
            assertThat(bench.query("FOO?")).isEmpty();
            assertThat(bench.query("MEAS:ALL? (@9)")).isEmpty();
            assertThat(bench.query("MEAS:ALL?")).isEmpty();
            assertThat(bench.drainErrors()).extracting(error -> error.substring(0, 4))
                    .containsExactly("-113", "-222", "-109");
        }

        @Test
        void namesAPositionOutOfRange() throws IOException {
            bench.query("MEAS:ALL? (@9)");
            bench.send("ROUT:AMI (@0),OFF");
            bench.send("ROUT:SUPP (@12345678901234567890),OFF");
            assertThat(bench.drainErrors()).containsExactly(
                    "-222,\"Data out of range; position 9 (1..4)\"",
                    "-222,\"Data out of range; position 0 (1..4)\"",
                    "-222,\"Data out of range; position 123456789012... (1..4)\"");
            assertThat(lab.meters()).allSatisfy(meter -> assertThat(meter.amiLinkUp()).isTrue());
        }

        @Test
        void namesAValueOutOfRangeAndKeepsTheSetting() throws IOException {
            bench.send("SOUR:VOLT 400");
            bench.send("SOUR:CURR -1A");
            bench.send("SOUR:PHAS 181");
            bench.send("SOUR:VOLT 1E999");
            assertThat(bench.drainErrors()).containsExactly(
                    "-222,\"Data out of range; voltage 400 V (0..300 V)\"",
                    "-222,\"Data out of range; current -1 A (0..100 A)\"",
                    "-222,\"Data out of range; phase 181 DEG (-180..180 DEG)\"",
                    "-222,\"Data out of range; voltage 1E999 V (0..300 V)\"");
            assertThat(bench.query("SOUR:VOLT?")).isEqualTo("230.000");
            assertThat(bench.query("SOUR:CURR?")).isEqualTo("0.000");
        }

        @Test
        void rejectsAWrongUnit() throws IOException {
            bench.send("SOUR:VOLT 230A");
            bench.send("SOUR:CURR 5 V");
            bench.send("SOUR:PHAS 1RAD");
            assertThat(bench.drainErrors()).containsExactly(
                    "-131,\"Invalid suffix; 'A' in '230A', SOURce:VOLTage takes V\"",
                    "-131,\"Invalid suffix; 'V' in '5 V', SOURce:CURRent takes A\"",
                    "-131,\"Invalid suffix; 'RAD' in '1RAD', SOURce:PHASe takes DEG\"");
            assertThat(lab.bench().voltage()).isEqualTo(230.0);
        }

        @Test
        void namesAMissingParameter() throws IOException {
            bench.send("SOUR:VOLT");
            bench.send("OUTP");
            bench.send("ROUT:AMI (@1)");
            bench.send("ROUT:SUPP (@1),");
            assertThat(bench.drainErrors()).containsExactly(
                    "-109,\"Missing parameter; SOURce:VOLTage needs a voltage in V\"",
                    "-109,\"Missing parameter; OUTPut needs ON or OFF\"",
                    "-109,\"Missing parameter; ROUTe:AMI needs ON or OFF as parameter 2\"",
                    "-109,\"Missing parameter; ROUTe:SUPPly needs ON or OFF as parameter 2\"");
        }

        @Test
        void rejectsWhatItCannotParse() throws IOException {
            bench.send("SOUR:VOLT abc");
            bench.send("OUTP MAYBE");
            bench.send("ROUT:AMI 1,OFF");
            bench.send("ROUT:AMI (@1,2),OFF");
            bench.send("SOUR:VOLT 1,2");
            bench.send("OUTP ON;*RST");
            bench.send("SOUR_VOLT 1");
            bench.send("OUTP \"ON\"");
            List<String> errors = bench.drainErrors();
            assertThat(errors).hasSize(8).allSatisfy(error -> assertThat(error).startsWith("-100,\"Command error; "));
            assertThat(errors).containsSubsequence(
                    "-100,\"Command error; SOURce:VOLTage expects a voltage in V, got 'abc'\"",
                    "-100,\"Command error; OUTPut expects ON or OFF, got 'MAYBE'\"",
                    "-100,\"Command error; ROUTe:AMI expects one position as (@N), got '1'\"",
                    "-100,\"Command error; ROUTe:AMI expects one position as (@N), got '(@1,2)'\"",
                    "-100,\"Command error; SOURce:VOLTage takes 1 parameter, got 2\"");
            // A double quote from the client never ends the quoted message early.
            assertThat(errors.get(7)).isEqualTo("-100,\"Command error; OUTPut expects ON or OFF, got ''ON''\"");
            assertThat(lab.bench().sourceOn()).isFalse();
        }

        @Test
        void rejectsAQueryFormThatDoesNotExist() throws IOException {
            assertThat(bench.query("*RST?")).isEmpty();
            bench.send("MEAS:ALL (@1)");
            assertThat(bench.drainErrors()).containsExactly(
                    "-113,\"Undefined header; *RST?\"",
                    "-113,\"Undefined header; MEAS:ALL\"");
        }

        @Test
        void discardsALineTooLongAndNonAsciiBytes() throws IOException {
            bench.send("SOUR:VOLT 1" + "0".repeat(2000));
            assertThat(bench.query("MEAS:ALL? (@1" + " ".repeat(2000) + ")")).as("a query still gets its line").isEmpty();
            bench.sendRaw("SOUR:VOLT 10\u00b0\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(bench.query("*OPC?")).isEqualTo("1");
            List<String> errors = bench.drainErrors();
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0)).startsWith("-100,\"Command error; line longer than 1024 characters");
            assertThat(errors.get(1)).startsWith("-100,\"Command error; line longer than 1024 characters");
            assertThat(errors.get(2)).startsWith("-100,\"Command error; the line contains a byte that is not printable");
            assertThat(lab.bench().voltage()).isEqualTo(230.0);
        }

        @Test
        void keepsTheOldestErrorsAndMarksAnOverflow() throws IOException {
            for (int i = 1; i <= 20; i++) {
                bench.send("SOUR:VOLT " + (300 + i));
            }
            List<String> errors = bench.drainErrors();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 15; i++) {
                expected.add("-222,\"Data out of range; voltage " + (300 + i) + " V (0..300 V)\"");
            }
            expected.add("-350,\"Queue overflow\"");
            assertThat(errors).containsExactlyElementsOf(expected);
        }

        @Test
        void clearsTheQueue() throws IOException {
            bench.send("FOO");
            bench.send("BAR");
            bench.send("*CLS");
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }

        @Test
        void answersNothingToSettingsAndEmptyLines() throws IOException {
            bench.send("SOUR:VOLT 100");
            bench.send("");
            bench.send("   ");
            bench.send("\r");
            assertThat(bench.isSilent(Duration.ofMillis(200))).isTrue();
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }
    }

    @Nested
    class SeveralClients {

        @Test
        void shareOneInstrument() throws IOException {
            try (ScpiTestClient other = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
                // A setting has no reply: *OPC? tells when it was carried out, before asking elsewhere.
                bench.send("SOUR:VOLT 115");
                assertThat(bench.query("*OPC?")).isEqualTo("1");
                assertThat(other.query("SOUR:VOLT?")).isEqualTo("115.000");
                other.send("OUTP ON");
                assertThat(other.query("*OPC?")).isEqualTo("1");
                assertThat(bench.query("OUTP?")).isEqualTo("1");
            }
        }

        @Test
        void getConsistentRepliesWhileTheyInterleave() throws Exception {
            try (ScpiTestClient other = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
                AtomicReference<String> writerResult = new AtomicReference<>("not finished");
                Thread writer = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            other.send("SOUR:CURR " + (i % 2 == 0 ? "1" : "2"));
                        }
                        writerResult.set(other.query("*OPC?"));
                    } catch (IOException e) {
                        writerResult.set(e.toString());
                    }
                });
                writer.start();
                for (int i = 0; i < 100; i++) {
                    assertThat(bench.query("SOUR:CURR?")).isIn("0.000", "1.000", "2.000");
                }
                writer.join(5_000);
                assertThat(writerResult.get()).isEqualTo("1");
                assertThat(bench.query("SOUR:CURR?")).isEqualTo("2.000");
            }
            assertThat(bench.nextError()).isEqualTo(NO_ERROR);
        }
    }
}
