package org.testbench.lab.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The instrument's error queue, first in first out, holding at most {@value #CAPACITY} entries.
 *
 * <p>On overflow SCPI keeps the oldest errors (they explain what went wrong first) and replaces the
 * newest entry with {@code -350,"Queue overflow"}; later errors are lost until the queue is read
 * or cleared. Thread-safe.
 */
final class ScpiErrorQueue {

    static final int CAPACITY = 16;

    private static final ScpiError OVERFLOW = ScpiError.of(ScpiErrorCode.QUEUE_OVERFLOW, "");

    private final Deque<ScpiError> entries = new ArrayDeque<>(CAPACITY);

    synchronized void add(ScpiError error) {
        if (entries.size() < CAPACITY) {
            entries.addLast(error);
        } else if (entries.peekLast() != OVERFLOW) {
            entries.removeLast();
            entries.addLast(OVERFLOW);
        }
    }

    /** The oldest entry as a reply line, removing it; {@code 0,"No error"} when empty. */
    synchronized String next() {
        ScpiError oldest = entries.pollFirst();
        return oldest == null ? ScpiError.NO_ERROR_REPLY : oldest.toReply();
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
