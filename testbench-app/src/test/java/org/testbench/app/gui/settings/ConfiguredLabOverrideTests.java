package org.testbench.app.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testbench.drivers.transport.PortAddress;
import org.testbench.sequences.config.BenchConfiguration;

/** The desktop app's settings override parts of bench.yaml; the event broker is not one of them and stays. */
class ConfiguredLabOverrideTests {

    @Test
    void settingsThatOverrideTheMdmsKeepTheBroker() {
        BenchConfiguration read = new BenchConfiguration(Optional.empty(),
                List.of(new BenchConfiguration.PositionConfig(1, Optional.empty(), PortAddress.parse("tcp:127.0.0.1:4001"),
                        Optional.empty())),
                Optional.of(new BenchConfiguration.MdmsConfig(URI.create("http://127.0.0.1:8080"), Path.of("api.yaml"),
                        Path.of("b.yaml"), "TESTBENCH_MDMS_TOKEN", Optional.empty(), Optional.empty(),
                        BenchConfiguration.Latency.RF)),
                Optional.empty(), "bench.yaml",
                Optional.of(new BenchConfiguration.BrokerConfig("tcp://127.0.0.1:1883", Optional.empty(),
                        Optional.empty(), BenchConfiguration.BrokerConfig.DEFAULT_PASSWORD_VARIABLE, "5",
                        Optional.empty())));
        GuiSettings settings = new GuiSettings("bench.yaml", "http://mdms.example:9000", "bench.p12", "", "keys.p12",
                "", "", "", GuiSettings.DEFAULT_LAB_METERS);

        BenchConfiguration used = ConfiguredLab.apply(settings, read);

        assertThat(used.mdms()).get().extracting(BenchConfiguration.MdmsConfig::url)
                .isEqualTo(URI.create("http://mdms.example:9000"));
        assertThat(used.keystore()).hasValue(Path.of("keys.p12"));
        assertThat(used.broker()).isEqualTo(read.broker());
    }
}
