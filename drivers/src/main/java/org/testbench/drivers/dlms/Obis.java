package org.testbench.drivers.dlms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OBIS code (IEC 62056-6-1): six value groups A..F, each 0..255. Reads the dotted form
 * {@code 1.0.1.8.0.255} and the standard's display form {@code 1-0:1.8.0*255}; a missing F is 255.
 * {@link #toString()} is the dotted form, which {@link #parse(String)} reads back.
 */
public record Obis(int a, int b, int c, int d, int e, int f) implements Comparable<Obis> {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");
    private static final Pattern DISPLAY = Pattern.compile("(\\d{1,3})-(\\d{1,3}):(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:[*&](\\d{1,3}))?");

    public Obis {
        int[] groups = {a, b, c, d, e, f};
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] < 0 || groups[i] > 255) {
                throw new IllegalArgumentException("OBIS value group " + "ABCDEF".charAt(i) + " = " + groups[i]
                        + " is outside 0..255");
            }
        }
    }

    /**
     * Parses an OBIS code.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Obis parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = DOTTED.matcher(t);
        if (!m.matches()) {
            m = DISPLAY.matcher(t);
        }
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid OBIS code '" + text
                    + "': expected A.B.C.D.E.F (e.g. 1.0.1.8.0.255) or A-B:C.D.E*F (e.g. 1-0:1.8.0*255)");
        }
        try {
            return new Obis(group(m, 1), group(m, 2), group(m, 3), group(m, 4), group(m, 5),
                    m.group(6) == null ? 255 : group(m, 6));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid OBIS code '" + text + "': " + e.getMessage(), e);
        }
    }

    private static int group(Matcher m, int i) {
        return Integer.parseInt(m.group(i));
    }

    /** The dotted form Gurux uses for logical names. */
    public String logicalName() {
        return toString();
    }

    /** The standard's display form, e.g. {@code 1-0:1.8.0*255}. */
    public String displayForm() {
        return a + "-" + b + ":" + c + "." + d + "." + e + "*" + f;
    }

    @Override
    public int compareTo(Obis o) {
        return Long.compare(asLong(), o.asLong());
    }

    private long asLong() {
        return ((long) a << 40) | ((long) b << 32) | ((long) c << 24) | ((long) d << 16) | ((long) e << 8) | f;
    }

    @Override
    public String toString() {
        return a + "." + b + "." + c + "." + d + "." + e + "." + f;
    }
}
