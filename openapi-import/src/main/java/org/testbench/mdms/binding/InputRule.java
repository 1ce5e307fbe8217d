package org.testbench.mdms.binding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one of the bench's inputs is written for an API (format 2, {@code inputs:}): an OBIS code or a date
 * in the API's form, then case, padding, prefix and suffix; or, for a chained input, which capability's
 * value it is.
 *
 * @param obis    the OBIS form the API wants
 * @param date    the date form: {@code iso}, {@code iso-date}, {@code epoch-seconds}, {@code epoch-millis} or a
 *                {@link DateTimeFormatter} pattern
 * @param zone    the time zone a date pattern is written in
 * @param pad     left-pad to this length with {@code padWith}; 0: no padding
 * @param from    a chained input: the capability whose value it is, called for the same meter
 * @param value   the name of that capability's value (by default the input's own name)
 */
public record InputRule(String name, String prefix, String suffix, int pad, String padWith, Optional<TextCase> textCase,
                        Optional<ObisForm> obis, Optional<String> date, ZoneId zone, Optional<Capability> from,
                        String value) {

    /** The case a value is written in. */
    public enum TextCase { UPPER, LOWER }

    /** The ways APIs write an OBIS code. */
    public enum ObisForm {
        /** {@code 1-0:1.8.0*255} (IEC 62056-6-1's full form) */
        FULL("A-B:C.D.E*F"),
        /** {@code 1-0:1.8.0} */
        SHORT("A-B:C.D.E"),
        /** {@code 1.0.1.8.0.255} */
        DOTTED("A.B.C.D.E.F"),
        /** {@code 0100010800FF} */
        HEX("hex"),
        /**
         * {@code 1.8.0}: value groups C, D and E only, as APIs keyed by register write them (Corrently); an
         * answer's code is then compared by these three groups.
         */
        CDE("C.D.E");

        private final String written;

        ObisForm(String written) {
            this.written = written;
        }

        /** How a binding names it. */
        public String written() {
            return written;
        }

        public static Optional<ObisForm> find(String written) {
            for (ObisForm f : values()) {
                if (f.written.equalsIgnoreCase(written)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** What an attempt at an OBIS code is written with: digits and its separators, or hex digits. */
    private static final Pattern OBIS_LIKE = Pattern.compile("[0-9A-Fa-f]+([-:.*][0-9A-Fa-f]+)*");
    private static final Pattern OBIS_FULL = Pattern.compile(
            "(\\d{1,3})-(\\d{1,3}):(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:[*.&](\\d{1,3}))?");
    private static final Pattern OBIS_DOTTED = Pattern.compile(
            "(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern OBIS_HEX = Pattern.compile("(?i)(?:0x)?[0-9a-f]{12}");
    private static final Pattern OBIS_CDE = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final java.util.Set<String> DATE_WORDS = java.util.Set.of("iso", "iso-date", "epoch-seconds",
            "epoch-millis");

    public InputRule {
        Objects.requireNonNull(name, "name");
        prefix = Objects.requireNonNullElse(prefix, "");
        suffix = Objects.requireNonNullElse(suffix, "");
        padWith = padWith == null || padWith.isEmpty() ? "0" : padWith;
        if (padWith.length() != 1) {
            throw new IllegalArgumentException("padWith is one character, not '" + padWith + "'");
        }
        if (pad < 0 || pad > 256) {
            throw new IllegalArgumentException("pad is a length from 0 to 256, not " + pad);
        }
        Objects.requireNonNull(textCase, "textCase");
        Objects.requireNonNull(obis, "obis");
        Objects.requireNonNull(date, "date");
        zone = zone == null ? ZoneOffset.UTC : zone;
        Objects.requireNonNull(from, "from");
        value = value == null || value.isEmpty() ? name : value;
        if (obis.isPresent() && date.isPresent()) {
            throw new IllegalArgumentException("input '" + name + "' is either an OBIS code or a date, not both");
        }
        if (date.isPresent() && !DATE_WORDS.contains(date.get())) {
            try {
                DateTimeFormatter.ofPattern(date.get(), Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("date '" + date.get() + "' is neither iso, iso-date, epoch-seconds,"
                        + " epoch-millis nor a date pattern: " + e.getMessage(), e);
            }
        }
        if (from.isPresent() && (obis.isPresent() || date.isPresent())) {
            throw new IllegalArgumentException("input '" + name + "' is chained (from " + from.get()
                    + "): it is written as the MDMS gave it, without obis or date");
        }
    }

    /** An input written as the bench has it: a rule to add to. */
    public static InputRule plain(String name) {
        return new InputRule(name, "", "", 0, "0", Optional.empty(), Optional.empty(), Optional.empty(), ZoneOffset.UTC,
                Optional.empty(), name);
    }

    /** A chained input: {@code value} of {@code from}'s answer for the same meter. */
    public static InputRule chained(String name, Capability from, String value) {
        return new InputRule(name, "", "", 0, "0", Optional.empty(), Optional.empty(), Optional.empty(), ZoneOffset.UTC,
                Optional.of(from), value);
    }

    public boolean isChained() {
        return from.isPresent();
    }

    /**
     * The value written as the API wants it. Numbers and booleans without text rules keep their type.
     *
     * @throws IllegalArgumentException naming the input when the value is not an OBIS code or date as expected
     */
    public Object apply(Object input) {
        boolean textRules = !prefix.isEmpty() || !suffix.isEmpty() || pad > 0 || textCase.isPresent()
                || obis.isPresent() || date.isPresent();
        if (!textRules || input == null) {
            return input;
        }
        String text = input instanceof BigDecimal d ? d.toPlainString() : String.valueOf(input);
        if (obis.isPresent()) {
            text = obis(text, obis.get());
        } else if (date.isPresent()) {
            text = date(text);
        }
        if (textCase.isPresent()) {
            text = textCase.get() == TextCase.UPPER ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
        }
        if (text.length() < pad) {
            text = padWith.repeat(pad - text.length()) + text;
        }
        return prefix + text + suffix;
    }

    private String obis(String text, ObisForm form) {
        Optional<int[]> groups = obisGroups(text.strip());
        if (groups.isEmpty() && !OBIS_LIKE.matcher(text.strip()).matches()) {
            // Not written like an OBIS code at all: a test's deliberately malformed code (interface-quality's
            // 'not-an-obis'), sent as it is so that the MDMS, not the bench, has to refuse it.
            return text;
        }
        int[] g = groups.orElseThrow(() -> new IllegalArgumentException("input '" + name + "' = '"
                + text + "' is not an OBIS code (1-0:1.8.0*255, 1-0:1.8.0, 1.0.1.8.0.255 or 12 hex digits)"));
        return switch (form) {
            case FULL -> g[0] + "-" + g[1] + ":" + g[2] + "." + g[3] + "." + g[4] + "*" + g[5];
            case SHORT -> g[0] + "-" + g[1] + ":" + g[2] + "." + g[3] + "." + g[4];
            case DOTTED -> g[0] + "." + g[1] + "." + g[2] + "." + g[3] + "." + g[4] + "." + g[5];
            case HEX -> {
                byte[] bytes = new byte[6];
                for (int i = 0; i < 6; i++) {
                    bytes[i] = (byte) g[i];
                }
                yield HexFormat.of().withUpperCase().formatHex(bytes);
            }
            case CDE -> g[2] + "." + g[3] + "." + g[4];
        };
    }

    /**
     * Whether a code the API wrote in an answer names the register the bench asked for: compared by the
     * code's value groups, not its text, so that {@code 1-0:1.8.0}, {@code 1-0:1.8.0*255} and
     * {@code 1.0.1.8.0.255} are the same register. With the {@code C.D.E} form the API writes only groups C,
     * D and E ({@code 1.8.0}), and only they are compared. False when this input has no OBIS form, or either
     * side is not an OBIS code.
     *
     * @param asked the bench's input, in any form the bench accepts
     * @param found the text in the answer, with or without this input's prefix and suffix
     */
    public boolean sameObis(Object asked, String found) {
        if (obis.isEmpty() || asked == null || found == null) {
            return false;
        }
        String text = found.strip();
        if (!prefix.isEmpty() && text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        if (!suffix.isEmpty() && text.endsWith(suffix)) {
            text = text.substring(0, text.length() - suffix.length());
        }
        Optional<int[]> wanted = obisGroups(String.valueOf(asked).strip());
        Optional<int[]> given = obisGroups(text);
        boolean threeGroups = obis.get() == ObisForm.CDE;
        if (given.isEmpty() && threeGroups) {
            Matcher m = OBIS_CDE.matcher(text);
            if (m.matches()) {
                given = Optional.of(new int[] {-1, -1, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), -1});
            }
        }
        if (wanted.isEmpty() || given.isEmpty()) {
            return false;
        }
        int from = threeGroups ? 2 : 0;
        int to = threeGroups ? 5 : 6;
        return java.util.Arrays.equals(wanted.get(), from, to, given.get(), from, to);
    }

    /** The six value groups A..F of an OBIS code in any of the four forms (F = 255 when the short form omits it). */
    static Optional<int[]> obisGroups(String text) {
        int[] g = new int[6];
        Matcher m = OBIS_FULL.matcher(text);
        if (m.matches()) {
            for (int i = 0; i < 5; i++) {
                g[i] = Integer.parseInt(m.group(i + 1));
            }
            g[5] = m.group(6) == null ? 255 : Integer.parseInt(m.group(6));
        } else if ((m = OBIS_DOTTED.matcher(text)).matches()) {
            for (int i = 0; i < 6; i++) {
                g[i] = Integer.parseInt(m.group(i + 1));
            }
        } else if (OBIS_HEX.matcher(text).matches()) {
            byte[] bytes = HexFormat.of().parseHex(text.regionMatches(true, 0, "0x", 0, 2) ? text.substring(2) : text);
            for (int i = 0; i < 6; i++) {
                g[i] = bytes[i] & 0xff;
            }
        } else {
            return Optional.empty();
        }
        for (int v : g) {
            if (v > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(g);
    }

    private String date(String text) {
        OffsetDateTime time = parseTime(text.strip()).orElseThrow(() -> new IllegalArgumentException("input '" + name
                + "' = '" + text + "' is not a date (ISO 8601 instant, date-time with offset, date, or epoch seconds)"));
        return switch (date.get()) {
            case "iso" -> time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case "iso-date" -> time.atZoneSameInstant(zone).toLocalDate().toString();
            case "epoch-seconds" -> Long.toString(time.toEpochSecond());
            case "epoch-millis" -> Long.toString(time.toInstant().toEpochMilli());
            default -> time.atZoneSameInstant(zone).format(DateTimeFormatter.ofPattern(date.get(), Locale.ROOT));
        };
    }

    private static Optional<OffsetDateTime> parseTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException notOffset) {
            // try the other forms
        }
        try {
            return Optional.of(Instant.parse(text).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notInstant) {
            // try the other forms
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            // try the other forms
        }
        if (text.matches("\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)).atOffset(ZoneOffset.UTC));
        }
        return Optional.empty();
    }
}
