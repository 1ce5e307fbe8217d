package org.testbench.sequences.language;

import java.util.regex.Pattern;

/**
 * A typed limit a value is checked against. Values with units are compared in compatible units only
 * (a current against amperes or milliamperes, never against volts).
 */
public sealed interface Limit {

    /** How the limit reads in a report, e.g. {@code < 50 mA}. */
    String describe();

    record EqualTo(Template expected) implements Limit {
        public String describe() {
            return "= " + expected;
        }
    }

    record NotEqualTo(Template unexpected) implements Limit {
        public String describe() {
            return "≠ " + unexpected;
        }
    }

    record Below(Template bound) implements Limit {
        public String describe() {
            return "< " + bound;
        }
    }

    record Above(Template bound) implements Limit {
        public String describe() {
            return "> " + bound;
        }
    }

    /** Inclusive on both ends. */
    record Range(Template min, Template max) implements Limit {
        public String describe() {
            return "in [" + min + ", " + max + "]";
        }
    }

    record WithinPercent(Template nominal, double percent) implements Limit {
        public String describe() {
            return "within " + percent + " % of " + nominal;
        }
    }

    /** At most {@code tolerance} away from {@code of}: a current within 0.1 A of 5 A, a clock within 10 s of now. */
    record Within(Template tolerance, Template of) implements Limit {
        public String describe() {
            return "within " + tolerance + " of " + of;
        }
    }

    record Matches(Pattern pattern) implements Limit {
        public String describe() {
            return "matches /" + pattern.pattern() + "/";
        }
    }
}
