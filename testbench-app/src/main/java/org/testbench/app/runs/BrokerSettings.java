package org.testbench.app.runs;

import java.util.Arrays;

import org.testbench.drivers.mqtt.BrokerOptions;
import org.testbench.drivers.mqtt.MqttVersion;
import org.testbench.sequences.config.BenchConfiguration;

/** The bench's broker options from the configuration and the environment (passwords only from there). */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /** @throws IllegalArgumentException naming what is wrong or missing (exit 2 on the command line) */
    public static BrokerOptions options(BenchConfiguration.BrokerConfig config) {
        BrokerOptions.Builder b;
        try {
            b = BrokerOptions.builder(config.url()).version(MqttVersion.parse(config.mqtt()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker: " + e.getMessage(), e);
        }
        config.ca().ifPresent(b::caFile);
        config.user().ifPresent(b::user);
        String password = System.getenv(config.passwordVariable());
        if (password != null && !password.isEmpty()) {
            char[] chars = password.toCharArray();
            b.password(chars);
            Arrays.fill(chars, '\0');
        } else if (config.user().isPresent()) {
            throw new IllegalArgumentException("the broker user " + config.user().get() + " needs a password in "
                    + config.passwordVariable());
        }
        if (config.identity().isPresent()) {
            String certPassword = System.getenv(BenchConfiguration.BrokerConfig.CERT_PASSWORD_VARIABLE);
            b.clientCertificate(config.identity().get(),
                    certPassword == null ? new char[0] : certPassword.toCharArray());
        }
        return b.build();
    }
}
