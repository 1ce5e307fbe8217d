package org.testbench.sequences.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.yaml.InputFileException;

class BenchConfigurationReaderTests {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aPositionNamesItsMetersProfileRelativeToTheBenchYaml() throws Exception {
        Files.createDirectories(dir.resolve("meters"));
        Files.copy(Path.of("..", "samples", "meters", "alt-obis.yaml"), dir.resolve("meters/alt.yaml"));
        Path file = write("bench.yaml", """
                positions:
                  - position: 1
                    optical: /dev/ttyUSB0
                    profile: meters/alt.yaml
                  - position: 2
                    optical: /dev/ttyUSB1
                """);
        BenchConfiguration c = BenchConfigurationReader.readBenchYaml(file);
        assertThat(c.positions().get(0).profile().meter()).contains("AO1");
        assertThat(c.positions().get(0).profile().source()).endsWith("alt.yaml");
        assertThat(c.positions().get(1).profile()).isEqualTo(org.testbench.drivers.profile.MeterProfile.TESTBENCH_VIRTUAL);
    }

    @Test
    void aMissingOrBrokenProfileIsLocated() throws Exception {
        Path file = write("bench.yaml", """
                positions:
                  - position: 1
                    optical: /dev/ttyUSB0
                    profile: nowhere.yaml
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class).hasMessageContaining("bench.yaml:4:14")
                .hasMessageContaining("does not exist");
        write("nowhere.yaml", "profile: 1\nmeter: x\nclients:\n  reader: {address: 16, authentication: lls}\n");
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class).hasMessageContaining("nowhere.yaml:4:41")
                .hasMessageContaining("authentication 'lls'");
    }

    @Test
    void readsABenchYaml() throws Exception {
        Path file = write("bench.yaml", """
                bench:
                  port: tcp:10.0.0.5:5025
                  timeout: 5 s
                positions:
                  - position: 1
                    serial: "26000001"
                    optical: /dev/ttyUSB0
                    ami: tcp:10.1.0.1:4059
                  - position: 2
                    optical: heads/usb1
                mdms:
                  url: https://mdms.example/api/v1
                  spec: mdms-v1.yaml
                  binding: mdms-v1.binding.yaml
                keystore: keys/meters.p12
                """);
        BenchConfiguration c = BenchConfigurationReader.readBenchYaml(file);

        assertThat(c.bench()).get().satisfies(b -> {
            assertThat(b.port()).isEqualTo(PortAddress.parse("tcp:10.0.0.5:5025"));
            assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(c.positions()).hasSize(2);
        assertThat(c.positions().get(0).serial()).contains("26000001");
        assertThat(c.positions().get(1).optical().device()).isEqualTo(dir.resolve("heads/usb1"));
        assertThat(c.mdms()).get().satisfies(m -> {
            assertThat(m.spec()).isEqualTo(dir.resolve("mdms-v1.yaml"));
            // No token_env: the scheme and its secret's variable come from the MDMS's document.
            assertThat(m.auth()).isEqualTo(org.testbench.mdms.client.auth.AuthSettings.fromDocument());
        });
        assertThat(c.keystore()).contains(dir.resolve("keys/meters.p12"));
        assertThat(c.select(PositionSelection.parse("2"))).extracting(BenchConfiguration.PositionConfig::position)
                .containsExactly(2);
    }

    @Test
    void readsTheVirtualLabsEndpointsFile() throws Exception {
        Path file = write("lab.json", """
                {"meters":[{"position":1,"serial":"26000001","optical":"tcp:127.0.0.1:4001","opticalPty":null,
                            "ami":"tcp:127.0.0.1:4002"}],
                 "keystore":"/tmp/lab/meter-keys.p12",
                 "bench":{"scpi":"tcp:127.0.0.1:4003","scpiPty":null,"positions":1}}
                """);
        BenchConfiguration c = BenchConfigurationReader.readLabEndpoints(file);

        assertThat(c.positions()).singleElement().satisfies(p -> {
            assertThat(p.optical()).isEqualTo(PortAddress.parse("tcp:127.0.0.1:4001"));
            assertThat(p.ami()).contains(PortAddress.parse("tcp:127.0.0.1:4002"));
        });
        assertThat(c.bench()).get().extracting(BenchConfiguration.BenchPort::port)
                .isEqualTo(PortAddress.parse("tcp:127.0.0.1:4003"));
        assertThat(c.mdms()).isEmpty();
    }

    @Test
    void readsTheMdmsCredentialSettingsOfABenchYaml() throws Exception {
        Path file = write("bench.yaml", """
                positions: [{position: 1, optical: /dev/ttyUSB0}]
                mdms:
                  url: https://hes.example/api/v2
                  spec: gridflow.yaml
                  binding: gridflow.binding.yaml
                  auth:
                    scheme: oauth2
                    client_id: testbench-lab-3
                    secret_env: GRIDFLOW_CLIENT_SECRET
                    token_url: https://login.example/oauth/token
                    scopes: [hes.devices, hes.jobs]
                """);
        AuthSettings auth = BenchConfigurationReader.readBenchYaml(file).mdms().orElseThrow().auth();
        assertThat(auth).isEqualTo(new AuthSettings(Optional.of("oauth2"), Optional.of("GRIDFLOW_CLIENT_SECRET"),
                Optional.empty(), Optional.of("testbench-lab-3"), Optional.of(URI.create(
                        "https://login.example/oauth/token")), List.of("hes.devices", "hes.jobs")));

        Path basic = write("basic.yaml", """
                positions: [{position: 1, optical: /dev/ttyUSB0}]
                mdms:
                  url: https://mc.example/v1
                  spec: metercloud.yaml
                  binding: metercloud.binding.yaml
                  token_env: MC_PASSWORD
                  auth: {scheme: basic, user: lab-bench, scopes: "a b"}
                """);
        assertThat(BenchConfigurationReader.readBenchYaml(basic).mdms().orElseThrow().auth()).isEqualTo(
                new AuthSettings(Optional.of("basic"), Optional.of("MC_PASSWORD"), Optional.of("lab-bench"),
                        Optional.empty(), Optional.empty(), List.of("a", "b")));
    }

    @Test
    void readsTheLabsCredentialSettingsFromItsEndpointsFile() throws Exception {
        Path file = write("lab.json", """
                {"meters":[{"position":1,"optical":"tcp:127.0.0.1:4001"}],
                 "mdms":{"url":"http://127.0.0.1:40131/api/v2","spec":"gridflow-hes-v2.yaml",
                         "binding":"gridflow-hes-v2.binding.yaml","faults":[],"latency":"rf","dialect":"gridflow",
                         "auth":{"scheme":"oauth2-client-credentials","clientId":"testbench-bench",
                                 "scopes":["hes.devices"],"secretFile":"/tmp/lab/mdms-secret"}}}
                """);
        assertThat(BenchConfigurationReader.readLabEndpoints(file).mdms().orElseThrow().auth()).isEqualTo(
                new AuthSettings(Optional.of("oauth2-client-credentials"), Optional.empty(), Optional.empty(),
                        Optional.of("testbench-bench"), Optional.empty(), List.of("hes.devices")));
    }

    @Test
    void refusesASecretWhereTheVariableOfASecretBelongsWithoutShowingIt() throws Exception {
        Path file = write("bench.yaml", """
                positions: [{position: 1, optical: /dev/ttyUSB0}]
                mdms:
                  url: https://mc.example/v1
                  spec: metercloud.yaml
                  binding: metercloud.binding.yaml
                  auth:
                    secret_env: "s3cr3t-k3y!value"
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith(file + ":7:17: mdms auth secret_env must name an environment variable")
                .hasMessageNotContaining("s3cr3t");
        Path typo = write("typo.yaml", """
                positions: [{position: 1, optical: /dev/ttyUSB0}]
                mdms:
                  url: https://mc.example/v1
                  spec: metercloud.yaml
                  binding: metercloud.binding.yaml
                  auth: {clientid: x}
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(typo))
                .hasMessageStartingWith(typo + ":6:10: unknown key 'clientid'")
                .hasMessageContaining("client_id");
    }

    @Test
    void aLabMeterOfAnotherTypeGetsTheProfileTheEndpointsFileNames() throws Exception {
        Path profile = Path.of("..", "samples", "meters", "hls-only.yaml").toAbsolutePath().normalize();
        Path file = write("endpoints.json", """
                {"meters":[
                  {"position":1,"serial":"33000001","optical":"tcp:127.0.0.1:4001","ami":"tcp:127.0.0.1:4002",
                   "type":"hls-only","profile":"%s"},
                  {"position":2,"serial":"26000002","optical":"tcp:127.0.0.1:4003","ami":"tcp:127.0.0.1:4004"}]}
                """.formatted(profile));
        BenchConfiguration c = BenchConfigurationReader.readLabEndpoints(file);

        assertThat(c.positions().get(0).profile().clients().reader().authentication())
                .isEqualTo(org.testbench.drivers.dlms.AuthenticationMechanism.HLS_GMAC);
        assertThat(c.positions().get(1).profile()).isEqualTo(org.testbench.drivers.profile.MeterProfile.TESTBENCH_VIRTUAL);
    }

    @Test
    void namesAnUnknownKeyWithItsLocation() throws Exception {
        Path file = write("bench.yaml", """
                positions:
                  - position: 1
                    opticl: /dev/ttyUSB0
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith(file + ":3:5: unknown key 'opticl'")
                .hasMessageContaining("did you mean 'optical'?");
    }

    /** Found by the fuzz slice: SnakeYAML's ReaderException escaped as an uncaught exception. */
    @Test
    void refusesAControlCharacterWithItsLocation() throws Exception {
        Path file = write("bench.yaml", "positions:\n  - position: 1\n    optical: /dev/tty\u000bUSB0\n");
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class)
                .hasMessage(file + ":3:22: not valid YAML: the character U+000B is not allowed in a YAML file");
    }

    @Test
    void refusesAFileThatIsNotUtf8WithItsLocation() throws Exception {
        Path file = dir.resolve("bench.yaml");
        Files.write(file, new byte[] {'p', 'o', 's', 'i', 't', 'i', 'o', 'n', 's', ':', '\n', ' ', ' ', '-', ' ',
            (byte) 0xC3, '(', '\n'});
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith(file + ":2:5: not UTF-8 text: byte 0xc3");
    }

    @Test
    void namesABadPort() throws Exception {
        Path file = write("bench.yaml", """
                positions:
                  - position: 1
                    optical: tcp:host
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .hasMessageStartingWith(file + ":3:14: invalid port 'tcp:host'");
    }

    @Test
    void readsTheStationItsRunsAreRecordedUnder() throws Exception {
        Path named = write("bench.yaml", """
                station: bench-B
                positions:
                  - {position: 1, optical: /dev/a}
                """);
        Path unnamed = write("other.yaml", """
                positions:
                  - {position: 1, optical: /dev/a}
                """);

        assertThat(BenchConfigurationReader.readBenchYaml(named).station()).contains("bench-B");
        assertThat(BenchConfigurationReader.readBenchYaml(unnamed).station()).isEmpty();
    }

    @Test
    void refusesAStationNameTooLong() throws Exception {
        Path file = write("bench.yaml", "station: " + "b".repeat(101) + "\npositions:\n  - {position: 1, optical: /dev/a}\n");
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .hasMessageStartingWith(file + ":1:10: station must be a name of 1 to 100 characters");
    }

    @Test
    void refusesAPositionTwice() throws Exception {
        Path file = write("bench.yaml", """
                positions:
                  - {position: 1, optical: /dev/a}
                  - {position: 1, optical: /dev/b}
                """);
        assertThatThrownBy(() -> BenchConfigurationReader.readBenchYaml(file))
                .hasMessageContaining(":3:16: position 1 appears twice");
    }

    @Test
    void selectionNamesPositionsThatAreNotConfigured() throws Exception {
        Path file = write("bench.yaml", """
                positions:
                  - {position: 1, optical: /dev/a}
                """);
        BenchConfiguration c = BenchConfigurationReader.readBenchYaml(file);
        assertThatThrownBy(() -> c.select(PositionSelection.parse("1-3")))
                .hasMessageContaining("position 2 is not configured");
        assertThatThrownBy(() -> PositionSelection.parse("1-x")).hasMessageContaining("'1-x'");
    }
}
