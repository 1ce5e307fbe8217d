package org.testbench.sequences.yaml;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in sequences: {@code 500 ms}, {@code 30 s}, {@code 2 min}, {@code 1.5 h}. */
public final class Durations {

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException with the accepted forms */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 500 ms, 30 s, 2 min, 1 h)");
        }
        double value = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            case "min" -> value * 60_000;
            default -> value * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
