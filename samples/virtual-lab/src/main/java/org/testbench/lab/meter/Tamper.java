package org.testbench.lab.meter;

import java.util.Locale;

/** The tampers the bench can provoke at a position, each with the event the meter logs for it. */
public enum Tamper {
    /** The terminal cover is opened. */
    COVER(EventCode.TERMINAL_COVER_REMOVED),
    /** A strong magnet is held to the meter. */
    MAGNET(EventCode.STRONG_DC_FIELD);

    private final EventCode eventCode;

    Tamper(EventCode eventCode) {
        this.eventCode = eventCode;
    }

    public EventCode eventCode() {
        return eventCode;
    }

    /** {@code cover} or {@code magnet}, any case; SCPI's short form {@code MAGN} too. */
    public static Tamper parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("COV")) {
            return COVER;
        }
        if (t.equals("MAGN")) {
            return MAGNET;
        }
        for (Tamper tamper : values()) {
            if (tamper.name().equals(t)) {
                return tamper;
            }
        }
        throw new IllegalArgumentException("unknown tamper '" + text + "'; valid: cover, magnet");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
