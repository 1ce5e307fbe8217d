package org.testbench.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.support.IecSignOn;
import org.testbench.lab.support.Link;
import org.testbench.lab.support.ScpiTestClient;
import org.testbench.lab.support.TestLabs;

/** The same SCPI conversation over the bench's serial line, a socat pseudo-terminal. */
class BenchSerialLineTests {

    private static VirtualLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/socat"))).as("socat installed").isTrue();
        lab = TestLabs.start(TestLabs.config(2).benchPty(true));
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void servesTheCommandSetOnThePtyInTheWorkDir() throws IOException {
        Path pty = lab.bench().serialPty().orElseThrow();
        assertThat(pty).isEqualTo(lab.workDir().resolve("bench-scpi"));
        try (ScpiTestClient bench = ScpiTestClient.serial(pty)) {
            assertThat(bench.query("*IDN?")).isEqualTo("TESTBENCH LAB,VB-2,VB260002,1.0.0");
            bench.send("*CLS");
            bench.send("SOURce:VOLTage 120V\r");
            bench.send("OUTP ON");
            assertThat(bench.query("SOUR:VOLT?")).isEqualTo("120.000");
            double[] reading = bench.measure(2);
            assertThat(reading[0]).isBetween(119.8, 120.2);
            assertThat(reading[1]).isBetween(4.99, 5.01);

            bench.send("ROUT:SUPP (@1),OFF");
            assertThat(bench.query("ROUT:SUPP? (@1)")).isEqualTo("0");
            assertThat(lab.meter(1).supplyOn()).isFalse();
            try (Link optical = Link.tcp(lab.meter(1).opticalEndpoint())) {
                optical.write(IecSignOn.withParity("/?!\r\n"));
                assertThat(optical.read(Duration.ofMillis(500))).isEqualTo(-1);
            }

            bench.send("SOUR:VOLT 230 A");
            bench.query("MEAS:ALL? (@3)");
            assertThat(bench.drainErrors()).containsExactly(
                    "-131,\"Invalid suffix; 'A' in '230 A', SOURce:VOLTage takes V\"",
                    "-222,\"Data out of range; position 3 (1..2)\"");
            bench.send("*RST");
            assertThat(bench.query("*OPC?")).isEqualTo("1");
            assertThat(lab.meter(1).supplyOn()).isTrue();
        }
    }

    @Test
    void servesTheNextClientAfterOneClosedThePty() throws IOException {
        Path pty = lab.bench().serialPty().orElseThrow();
        for (int client = 0; client < 2; client++) {
            try (ScpiTestClient bench = ScpiTestClient.serial(pty)) {
                assertThat(bench.query("SYST:POS?")).isEqualTo("2");
            }
        }
    }

    @Test
    void sharesItsStateWithTheTcpInterface() throws IOException {
        try (ScpiTestClient serial = ScpiTestClient.serial(lab.bench().serialPty().orElseThrow());
             ScpiTestClient tcp = ScpiTestClient.tcp(lab.bench().scpiEndpoint())) {
            serial.send("SOUR:PHAS 30");
            assertThat(serial.query("*OPC?")).isEqualTo("1");
            assertThat(tcp.query("SOUR:PHAS?")).isEqualTo("30.000");
        }
    }
}
