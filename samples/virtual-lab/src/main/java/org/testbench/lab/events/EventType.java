package org.testbench.lab.events;

import java.util.Arrays;
import java.util.Optional;

import org.testbench.lab.meter.EventCode;

/** The events the lab's gateway pushes, each with its meter event code and its topic (docs/events.md). */
public enum EventType {
    LAST_GASP("last-gasp", EventCode.POWER_DOWN, "telemetry/alerts/outage"),
    POWER_RESTORED("power-restored", EventCode.POWER_UP, "telemetry/alerts/restore"),
    TAMPER_COVER("tamper-cover", EventCode.TERMINAL_COVER_REMOVED, "telemetry/alerts/tamper"),
    TAMPER_MAGNET("tamper-magnet", EventCode.STRONG_DC_FIELD, "telemetry/alerts/tamper"),
    DISCONNECT("disconnect", EventCode.REMOTE_DISCONNECTION, "telemetry/alerts/load-switch"),
    RECONNECT("reconnect", EventCode.REMOTE_RECONNECTION, "telemetry/alerts/load-switch");

    /** Every topic the gateway publishes on starts with this; subscribers use {@code telemetry/alerts/#}. */
    public static final String TOPIC_ROOT = "telemetry/alerts/";
    public static final String TOPIC_FILTER = TOPIC_ROOT + "#";

    private final String externalName;
    private final EventCode code;
    private final String topic;

    EventType(String externalName, EventCode code, String topic) {
        this.externalName = externalName;
        this.code = code;
        this.topic = topic;
    }

    public String externalName() {
        return externalName;
    }

    public int code() {
        return code.code();
    }

    public String topic() {
        return topic;
    }

    /** The pushed type of a meter event code; empty for events that are only logged (end of billing). */
    public static Optional<EventType> ofCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code.code() == code).findFirst();
    }

    public static Optional<EventType> find(String externalName) {
        return Arrays.stream(values()).filter(t -> t.externalName.equals(externalName)).findFirst();
    }

    @Override
    public String toString() {
        return externalName;
    }
}
