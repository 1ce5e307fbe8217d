package org.testbench.sequences.results;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Argument checks shared by the record types and the store, with messages that name the argument. The
 * length limits are those of the database columns: a value that does not fit is a programming error,
 * better reported here than as a database error half-way through a run.
 */
final class Checks {

    private Checks() {
    }

    static String requireText(String value, int maxLength, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return requireFits(value, maxLength, what);
    }

    static String requireFits(String value, int maxLength, String what) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is " + value.length() + " characters long, at most "
                    + maxLength + " fit: '" + value.substring(0, Math.min(40, maxLength)) + "…'");
        }
        return value;
    }

    static <T> T requirePresent(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    static int requirePosition(int position) {
        if (position < 1) {
            throw new IllegalArgumentException("bench position " + position + " is invalid: positions count from 1");
        }
        return position;
    }

    /** Instants are kept to the microsecond, the precision PostgreSQL stores; H2 is told the same. */
    static Instant micros(Instant instant, String what) {
        return requirePresent(instant, what).truncatedTo(ChronoUnit.MICROS);
    }
}
