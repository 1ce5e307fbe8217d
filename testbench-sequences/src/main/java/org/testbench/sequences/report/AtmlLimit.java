package org.testbench.sequences.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement's limit as the results store writes it ("&lt; 0.5 A", "in [0, 10]", "= CLOSED", "&lt;= 500 ms"),
 * read back into the comparisons ATML's {@code c:Limit} can say. Limits it cannot say ("within 5 % of 230 V",
 * a pattern) stay text.
 */
sealed interface AtmlLimit {

    /** A number with its unit symbol ("" for none), or a text. */
    record Bound(String text, boolean numeric, double number, String unit) {
        static Bound of(String text) {
            Matcher m = QUANTITY.matcher(text.strip());
            if (m.matches()) {
                return new Bound(text.strip(), true, Double.parseDouble(m.group(1)), m.group(2) == null ? "" : m.group(2));
            }
            return new Bound(text.strip(), false, 0, "");
        }
    }

    /** value COMPARATOR bound; comparator is one of ATML's GT, GE, LT, LE. */
    record Single(String comparator, Bound bound) implements AtmlLimit {
    }

    /** min ≤ value ≤ max. */
    record Pair(Bound min, Bound max) implements AtmlLimit {
    }

    /** value = expected (EQ) or ≠ expected (NE). */
    record Expected(String comparator, Bound expected) implements AtmlLimit {
    }

    Pattern QUANTITY = Pattern.compile("(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?:\\s*([^\\s\\d\\[\\],][^\\s,\\]]*))?");
    Pattern SINGLE = Pattern.compile("(<=|>=|≤|≥|<|>)\\s*(.+)");
    Pattern RANGE = Pattern.compile("in \\[(.+),\\s*(.+)]");
    Pattern EQUALITY = Pattern.compile("(=|≠|!=)\\s*(.+)");

    /** The limit, or empty when ATML cannot say it (the report then gives it as text). */
    static Optional<AtmlLimit> parse(String limit) {
        String text = limit.strip();
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            Bound min = Bound.of(range.group(1));
            Bound max = Bound.of(range.group(2));
            return min.numeric() && max.numeric() ? Optional.of(new Pair(min, max)) : Optional.empty();
        }
        Matcher single = SINGLE.matcher(text);
        if (single.matches()) {
            Bound bound = Bound.of(single.group(2));
            if (!bound.numeric()) {
                return Optional.empty();
            }
            String comparator = switch (single.group(1)) {
                case "<" -> "LT";
                case ">" -> "GT";
                case "<=", "≤" -> "LE";
                default -> "GE";
            };
            return Optional.of(new Single(comparator, bound));
        }
        Matcher equality = EQUALITY.matcher(text);
        if (equality.matches()) {
            return Optional.of(new Expected(equality.group(1).equals("=") ? "EQ" : "NE", Bound.of(equality.group(2))));
        }
        return Optional.empty();
    }
}
