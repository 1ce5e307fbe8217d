package org.testbench.app.gui.settings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.testbench.mdms.client.auth.AuthSettings;
import org.testbench.sequences.config.BenchConfiguration;
import org.testbench.sequences.config.BenchConfigurationReader;
import org.testbench.sequences.yaml.InputFileException;

/**
 * The real lab of the settings: its {@code bench.yaml}, with what the settings override — the MDMS URL, its
 * CA, the bench's TLS identity, the MDMS's authentication scheme, client id and user, the meter keystore.
 */
public final class ConfiguredLab {

    private ConfiguredLab() {
    }

    /** Empty when no bench.yaml is set; a broken file says file:line:column what. */
    public static Optional<BenchConfiguration> read(GuiSettings settings) throws IOException, InputFileException {
        if (settings.benchYaml().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply(settings, BenchConfigurationReader.readBenchYaml(Path.of(settings.benchYaml()))));
    }

    static BenchConfiguration apply(GuiSettings s, BenchConfiguration c) {
        Optional<BenchConfiguration.MdmsConfig> mdms = c.mdms().map(m -> new BenchConfiguration.MdmsConfig(
                s.mdmsUrl().isEmpty() ? m.url() : URI.create(s.mdmsUrl()), m.spec(), m.binding(), auth(s, m.auth()),
                s.trustedCa().isEmpty() ? m.ca() : Optional.of(Path.of(s.trustedCa())),
                s.tlsIdentity().isEmpty() ? m.identity() : Optional.of(Path.of(s.tlsIdentity())), m.latency()));
        Optional<Path> keystore = s.meterKeystore().isEmpty() ? c.keystore() : Optional.of(Path.of(s.meterKeystore()));
        return c.withMdms(mdms).withKeystore(keystore);
    }

    /** bench.yaml's mdms.auth with what the settings set instead: the scheme, the client id, the user. */
    static AuthSettings auth(GuiSettings s, AuthSettings a) {
        return new AuthSettings(s.mdmsAuthScheme().isEmpty() ? a.scheme() : Optional.of(s.mdmsAuthScheme()),
                a.secretVariable(), s.mdmsUser().isEmpty() ? a.user() : Optional.of(s.mdmsUser()),
                s.mdmsClientId().isEmpty() ? a.clientId() : Optional.of(s.mdmsClientId()), a.tokenUrl(), a.scopes());
    }
}
