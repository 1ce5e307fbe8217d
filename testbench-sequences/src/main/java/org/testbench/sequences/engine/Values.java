package org.testbench.sequences.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.testbench.drivers.quantity.Quantity;

/**
 * The types a sequence handles — quantities with units, numbers, booleans, instants and text — and
 * how literals in a file become them: {@code "50 mA"} is a quantity, {@code "5"} a number,
 * {@code "true"} a boolean, anything else text.
 */
final class Values {

    private Values() {
    }

    static Object literal(String text) {
        String t = text.strip();
        if (t.matches("[-+]?0\\d+")) {
            return t; // a leading zero makes an identifier (a serial such as 00000042), not a number
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException notANumber) {
            // try the next type
        }
        try {
            return Quantity.parse(t);
        } catch (IllegalArgumentException notAQuantity) {
            // try the next type
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException notATime) {
            return t;
        }
    }

    /** A resolved template value: text gets the literal treatment, typed values stay as they are. */
    static Object typed(Object resolved) {
        return resolved instanceof String s ? literal(s) : resolved;
    }

    static boolean areEqual(Object actual, Object expected) {
        if (actual instanceof Quantity qa && expected instanceof Quantity qe) {
            return qa.compareTo(qe) == 0;
        }
        if (actual instanceof Number na && expected instanceof Number ne) {
            return Double.compare(na.doubleValue(), ne.doubleValue()) == 0;
        }
        if (actual instanceof Number n && expected instanceof String t || expected instanceof Number n2 && actual instanceof String t2) {
            Number number = actual instanceof Number a ? a : (Number) expected;
            String text = actual instanceof String a ? a : (String) expected;
            try {
                return Double.compare(number.doubleValue(), Double.parseDouble(text.strip())) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            return String.valueOf(actual).equalsIgnoreCase(String.valueOf(expected));
        }
        if (actual instanceof Quantity || expected instanceof Quantity) {
            requireComparable(actual, expected);
        }
        return String.valueOf(actual).equals(String.valueOf(expected));
    }

    /** Negative, zero or positive; a unit mismatch or an incomparable pair is an IllegalArgumentException. */
    static int compare(Object actual, Object bound) {
        if (actual instanceof Quantity qa && bound instanceof Quantity qb) {
            return qa.compareTo(qb);
        }
        if (actual instanceof Number na && bound instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        if (actual instanceof Instant ia && bound instanceof Instant ib) {
            return ia.compareTo(ib);
        }
        requireComparable(actual, bound);
        throw new IllegalArgumentException("cannot compare " + describe(actual) + " with " + describe(bound));
    }

    static double asDouble(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Quantity q) {
            return q.value();
        }
        throw new IllegalArgumentException(what + " must be a number, found " + describe(value));
    }

    private static void requireComparable(Object a, Object b) {
        if (a instanceof Quantity && !(b instanceof Quantity) || b instanceof Quantity && !(a instanceof Quantity)) {
            throw new IllegalArgumentException("unit mismatch: " + describe(a) + " against " + describe(b)
                    + " (give the limit with a unit)");
        }
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : String.format(Locale.ROOT, "%.6g", d);
        }
        return String.valueOf(v);
    }
}
