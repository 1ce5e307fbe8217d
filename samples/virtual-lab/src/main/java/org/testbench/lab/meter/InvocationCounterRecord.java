package org.testbench.lab.meter;

/**
 * The last invocation counter the meter accepted from its management client, and the rule that
 * decides whether a new one is fresh.
 *
 * <p>A conformant meter accepts a counter only if it is greater than the last accepted one, so a
 * recorded frame cannot be replayed. The weak rule (greater or equal) is what Gurux enforces on
 * its own; the lab offers it on purpose, to give security tests a meter to catch.
 *
 * <p>Not thread-safe: {@link MeterState} guards it.
 */
final class InvocationCounterRecord {

    private static final long MAX_COUNTER = 0xFFFF_FFFFL;

    private final boolean strict;
    private long lastAccepted;
    private boolean anyAccepted;

    InvocationCounterRecord(boolean strict) {
        this.strict = strict;
    }

    boolean isStrict() {
        return strict;
    }

    /** True if a frame carrying {@code counter} may be processed. */
    boolean isFresh(long counter) {
        if (counter < 0 || counter > MAX_COUNTER) {
            return false;
        }
        if (!anyAccepted) {
            return true;
        }
        return strict ? counter > lastAccepted : counter >= lastAccepted;
    }

    /** Records an authenticated, fresh counter. */
    void accept(long counter) {
        if (!anyAccepted || counter > lastAccepted) {
            lastAccepted = counter;
        }
        anyAccepted = true;
    }

    /** The smallest counter {@link #isFresh} accepts now. */
    long lowestFresh() {
        if (!anyAccepted) {
            return 0;
        }
        return strict ? lastAccepted + 1 : lastAccepted;
    }

    /** The last accepted counter, 0 while none was accepted (what 0.0.43.1.0.255 shows). */
    long lastAccepted() {
        return anyAccepted ? lastAccepted : 0;
    }
}
