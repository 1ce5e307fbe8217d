package org.testbench.drivers.mqtt;

import java.util.Objects;

/** An MQTT topic filter ({@code telemetry/alerts/#}, {@code +/alerts/outage}) and whether a topic matches it. */
public record TopicFilter(String filter) {

    public TopicFilter {
        Objects.requireNonNull(filter, "filter");
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new IllegalArgumentException("topic filter '" + filter + "': '#' must be a whole last level");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("topic filter '" + filter + "': '+' must be a whole level");
            }
        }
    }

    public boolean matches(String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Override
    public String toString() {
        return filter;
    }
}
