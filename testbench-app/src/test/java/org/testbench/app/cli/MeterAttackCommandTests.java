package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.attack.LinkAttacks;
import org.testbench.drivers.dlms.AttackLayer;
import org.testbench.drivers.dlms.DlmsFraming;
import org.testbench.drivers.dlms.MeterAttacks;
import org.testbench.lab.meter.MeterType;
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
            List<String> names = new ArrayList<>();
            json.get("attacks").forEach(a -> names.add(a.get("name").asText()));
            assertThat(names).as("every layer the AMI port carries").containsAll(MeterAttacks.ATTACKS)
                    .contains("wrapper-version", "wrong-application-context", "truncated-apdu")
                    .doesNotContain("bad-fcs");
            json.get("attacks").forEach(a -> {
                assertThat(a.get("verdict").asText()).as(a.toString()).isEqualTo("REFUSED");
                assertThat(a.get("layer").asText()).isIn("wrapper", "acse", "apdu");
                assertThat(a.get("keptAnswering").asBoolean()).as(a.toString()).isTrue();
            });
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

    /**
     * The HDLC tests over the optical port: every strict meter type refuses them all and keeps its link; the weak
     * type is caught exactly where it is weak (a frame with a bad FCS processed, silent on its link after an
     * over-long information field).
     */
    @Test
    void hdlcLayerFindsExactlyTheWeakTypesWeaknessesAndNothingOnStrictTypes() throws Exception {
        List<MeterType> types = MeterType.builtIn();
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(types.size()).meterTypes(types)
                .keystorePassword(PASSWORD.toCharArray()).opticalPty(false).benchPty(false).build())) {
            // Each meter is judged on its own port; side by side, the link tests' silences overlap.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> judged = new ArrayList<>();
                for (VirtualMeter meter : lab.meters()) {
                    judged.add(pool.submit(() -> {
                        judgeHdlcAttacks(lab, meter);
                        return null;
                    }));
                }
                for (Future<?> f : judged) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof AssertionError a) {
                            throw a;
                        }
                        throw e;
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void judgeHdlcAttacks(VirtualLab lab, VirtualMeter meter) throws Exception {
        Run r = run("meter-attack", "--via", "optical", "--port", meter.opticalEndpoint(), "--layer", "hdlc",
                "--profile", lab.profile(meter.type()).toString(), "--serial", meter.serial(),
                "--keystore", lab.keystore().toString(), "--timeout", "1", "--json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> findings = new ArrayList<>();
        json.get("attacks").forEach(a -> {
            assertThat(a.get("layer").asText()).isEqualTo("hdlc");
            assertThat(a.get("kind").asText()).as("frames to discard").isEqualTo("CONFORMANCE");
            assertThat(a.get("verdict").asText()).as(meter.type() + " " + a).isNotEqualTo("ERROR");
            if (a.get("verdict").asText().equals("ACCEPTED")) {
                findings.add(a.get("name").asText() + " accepted");
                assertThat(a.get("frames").toString()).contains("TX ").contains("RX ");
            }
            if (!a.get("keptAnswering").asBoolean()) {
                findings.add(a.get("name").asText() + " silenced the link");
            }
        });
        assertThat(json.get("attacks")).as(meter.type() + r.err()).hasSize(LinkAttacks.names(
                List.of(AttackLayer.HDLC), DlmsFraming.HDLC).size());
        if (meter.type().weaknesses().isEmpty()) {
            assertThat(findings).as(meter.type() + ": " + r.out()).isEmpty();
            assertThat(r.code()).as(meter.type() + r.err()).isZero();
        } else {
            assertThat(findings).as(meter.type() + ": " + r.out())
                    .containsExactlyInAnyOrder("bad-fcs accepted", "info-field-too-long silenced the link");
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("CONFORMANCE: meter " + meter.serial() + " accepted bad-fcs")
                    .contains("after info-field-too-long");
        }
    }

    @Test
    void aLayerThePortDoesNotCarryIsBadInput() throws Exception {
        try (VirtualLab lab = lab(true)) {
            StringWriter err = new StringWriter();
            int code = TestbenchCommand.execute(new String[] {"meter-attack", "--port", lab.meters().get(0).amiEndpoint(),
                "--layer", "hdlc", "--keystore", lab.keystore().toString()}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("--layer hdlc does not apply").contains("wrapper, acse, apdu");
            err = new StringWriter();
            code = TestbenchCommand.execute(new String[] {"meter-attack", "--port", lab.meters().get(0).amiEndpoint(),
                "--layer", "ip", "--keystore", lab.keystore().toString()}, new PrintWriter(new StringWriter()),
                    new PrintWriter(err));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("unknown layer 'ip'");
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
