package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;
import picocli.CommandLine;

class MeterAttackCommandTests {

    private static final String PASSWORD = "attack-test-password";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = new CommandLine(new TestbenchCommand());
        MeterAttackCommand command = cli.getSubcommands().get("meter-attack").getCommand();
        command.password = PASSWORD::toCharArray;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static VirtualLab lab(boolean strict) throws Exception {
        return VirtualLab.start(LabConfig.builder().meters(1).keystorePassword(PASSWORD.toCharArray())
                .opticalPty(false).benchPty(false).strictInvocationCounter(strict).build());
    }

    @Test
    void aStrictMeterPassesWithExitZero() throws Exception {
        try (VirtualLab lab = lab(true)) {
            VirtualMeter meter = lab.meters().get(0);
            Run r = run("meter-attack", "--port", meter.amiEndpoint(), "--keystore", lab.keystore().toString(),
                    "--json");

            assertThat(r.code()).as(r.out() + r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("serial").asText()).isEqualTo(meter.serial());
            assertThat(json.get("attacks")).hasSize(8);
            json.get("attacks").forEach(a -> assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("REFUSED"));
        }
    }

    @Test
    void aWeakReplayMeterIsASecurityFindingWithExitOne() throws Exception {
        try (VirtualLab lab = lab(LabCommand.strictInvocationCounter("weak-replay"))) {
            VirtualMeter meter = lab.meters().get(0);
            Run r = run("meter-attack", "--port", meter.amiEndpoint(), "--keystore", lab.keystore().toString());

            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).containsPattern("replayed-counter\\s+ACCEPTED").contains("evidence TX ");
            assertThat(r.err()).contains("SECURITY").contains("replayed-counter");
        }
    }

    @Test
    void anOpticalPortOrAnUnreachableMeterIsBadInput() {
        StringWriter err = new StringWriter();
        int code = TestbenchCommand.execute(new String[] {"meter-attack", "--port", "/dev/ttyUSB0", "--keystore", "x.p12"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("tcp:HOST:PORT");
    }

    @Test
    void labMeterProfiles() {
        assertThat(LabCommand.strictInvocationCounter("strict")).isTrue();
        assertThat(LabCommand.strictInvocationCounter("weak-replay")).isFalse();
        StringWriter err = new StringWriter();
        int code = TestbenchCommand.execute(new String[] {"lab", "--meter-profile", "lenient"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--meter-profile");
    }
}
