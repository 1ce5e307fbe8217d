package org.testbench.lab.bench;

import java.util.Locale;

/** Numbers as the bench writes them: {@code .} as separator, fixed decimals, never {@code -0.000}. */
final class ScpiNumbers {

    private ScpiNumbers() {
    }

    static String fixed(double value, int decimals) {
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        // A tiny negative value (noise) rounds to "-0.00"; a reader would take the sign for a fact.
        return text.startsWith("-") && text.chars().noneMatch(c -> c >= '1' && c <= '9') ? text.substring(1) : text;
    }

    static String flag(boolean on) {
        return on ? "1" : "0";
    }
}
