package org.testbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.config.BenchConfiguration.BrokerConfig;
import org.testbench.sequences.config.BenchConfiguration.MdmsConfig;

/** An option that overrides one part of the configuration leaves every other part as it was read. */
class ConfigurationOverrideTests {

    static BenchConfiguration labWithBroker() {
        return new BenchConfiguration(
                Optional.of(new BenchConfiguration.BenchPort(PortAddress.parse("tcp:127.0.0.1:4000"), Duration.ofSeconds(3))),
                List.of(new BenchConfiguration.PositionConfig(1, Optional.of("26000001"),
                        PortAddress.parse("tcp:127.0.0.1:4001"), Optional.of(PortAddress.parse("tcp:127.0.0.1:4002")))),
                Optional.of(new MdmsConfig(URI.create("https://127.0.0.1:8443"), Path.of("api.yaml"), Path.of("b.yaml"),
                        "TESTBENCH_MDMS_TOKEN", Optional.of(Path.of("ca.pem")), Optional.empty(),
                        BenchConfiguration.Latency.RF)),
                Optional.of(Path.of("keys.p12")), "lab.json",
                Optional.of(new BrokerConfig("ssl://127.0.0.1:8883", Optional.of(Path.of("broker-ca.pem")),
                        Optional.of("bench"), BrokerConfig.DEFAULT_PASSWORD_VARIABLE, "3.1.1", Optional.empty())));
    }

    @Test
    void theIdentityOptionKeepsTheEndpointsFilesBroker() {
        BenchConfiguration read = labWithBroker();

        BenchConfiguration used = RunCommand.withIdentity(read, Path.of("bench.p12"));

        assertThat(used.mdms()).get().extracting(MdmsConfig::identity).isEqualTo(Optional.of(Path.of("bench.p12")));
        assertThat(used.broker()).isEqualTo(read.broker());
        assertThat(used.positions()).isEqualTo(read.positions());
        assertThat(used.keystore()).isEqualTo(read.keystore());
        assertThat(used.bench()).isEqualTo(read.bench());
        assertThat(used.mdms().get().ca()).isEqualTo(read.mdms().get().ca());
    }

    @Test
    void withoutTheOptionTheConfigurationIsAsRead() {
        BenchConfiguration read = labWithBroker();

        assertThat(RunCommand.withIdentity(read, null)).isEqualTo(read);
    }
}
