package org.testbench.lab.optical;

import java.util.Locale;

/** Whether the lab's optical ports take a real line's time ({@code testbench lab --optical-pacing}). */
public enum OpticalPacing {
    /** Bytes go as fast as TCP or the pseudo-terminal carries them (the default: fast tests). */
    NONE,
    /** Every byte takes 10 bit times at the current baud, with the standard's reaction times. */
    LINE;

    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OpticalPacing parse(String text) {
        for (OpticalPacing pacing : values()) {
            if (pacing.externalName().equalsIgnoreCase(text.trim())) {
                return pacing;
            }
        }
        throw new IllegalArgumentException("optical pacing must be none or line, was '" + text + "'");
    }
}
