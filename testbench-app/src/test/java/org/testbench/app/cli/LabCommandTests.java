package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.app.runs.MdmsFiles;
import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.MeterType;
import org.testbench.lab.optical.OpticalPacing;

class LabCommandTests {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void endpointsGiveEachMeterItsTypeAndTheAbsolutePathOfItsProfile() throws Exception {
        try (VirtualLab lab = VirtualLab.start(LabConfig.builder().meters(3).keystorePassword("pw".toCharArray())
                .opticalPty(false).benchPty(false).workDir(dir)
                .meterTypes(MeterType.parseList("lls-reader,direct-hdlc")).build())) {
            Map<String, Object> endpoints = LabCommand.endpoints(lab, MdmsFiles.extract(lab.workDir()));
            List<Map<String, Object>> meters = (List<Map<String, Object>>) endpoints.get("meters");
            assertThat(meters).extracting(m -> m.get("type"))
                    .containsExactly("lls-reader", "direct-hdlc", "lls-reader");
            Path profile = Path.of((String) meters.get(1).get("profile"));
            assertThat(profile).isAbsolute().isEqualTo(dir.resolve("meters/direct-hdlc.yaml").toAbsolutePath());
            assertThat(Files.readString(profile)).contains("optical: {mode: hdlc, baud: 9600}")
                    .contains("physical: from-serial");
        }
    }

    @Test
    void unknownMeterTypesAndPacingAreClearErrors() {
        assertThatThrownBy(() -> MeterType.parseList("lls-reader,acme")).hasMessageContaining("unknown meter type 'acme'")
                .hasMessageContaining("testbench-virtual, lls-reader");
        assertThatThrownBy(() -> MeterType.parseList("lls-reader,")).hasMessageContaining("separated by commas");
        assertThatThrownBy(() -> OpticalPacing.parse("fast")).hasMessageContaining("none or line");
    }

    @Test
    void badClientAuthenticationOptionsAreOneLineBeforeTheLabStarts() throws Exception {
        Path missing = dir.resolve("no-such-ca.pem");
        Path leaf = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n");
        Map<List<String>, String> cases = Map.of(
                List.of("--mdms-client-auth", "required"),
                "testbench lab: unknown MDMS client authentication 'required'; valid: none, want, need",
                List.of("--mdms-client-auth", "need", "--mdms-client-ca", missing.toString()),
                "testbench lab: --mdms-client-ca " + missing + ": no such file",
                List.of("--mdms-client-ca", missing.toString()),
                "testbench lab: --mdms-client-ca needs --mdms-client-auth want or need",
                List.of("--mdms-client-auth", "want", "--mdms-client-ca", leaf.toString()),
                "testbench lab: --mdms-client-ca " + leaf + ": not a PEM certificate file");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            StringWriter err = new StringWriter();
            List<String> args = new ArrayList<>(List.of("lab", "--no-pty", "--dir", dir.toString()));
            args.addAll(c.getKey());
            int code = TestbenchCommand.execute(args.toArray(String[]::new),
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(c.getKey().toString()).isEqualTo(2);
            assertThat(err.toString().strip()).as(c.getKey().toString()).startsWith(c.getValue()).doesNotContain("\n");
        }
    }
}
