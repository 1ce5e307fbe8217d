package org.testbench.drivers.mqtt;

import java.util.Locale;

/** The protocol version the bench speaks to a broker. */
public enum MqttVersion {
    /** MQTT 3.1.1 (OASIS 2014): what every broker speaks, Moquette included. */
    V3_1_1("3.1.1"),
    /** MQTT 5.0 (OASIS 2019): reason codes on every acknowledgement. */
    V5("5");

    private final String label;

    MqttVersion(String label) {
        this.label = label;
    }

    /** {@code 3.1.1}, {@code 3}, {@code 5} or {@code 5.0}. */
    public static MqttVersion parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "3", "3.1.1", "v3", "mqttv3" -> {
                return V3_1_1;
            }
            case "5", "5.0", "v5", "mqttv5" -> {
                return V5;
            }
            default -> throw new IllegalArgumentException("unknown MQTT version '" + text + "'; valid: 3.1.1, 5");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
