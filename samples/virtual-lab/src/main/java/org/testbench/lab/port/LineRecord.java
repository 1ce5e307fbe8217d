package org.testbench.lab.port;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * What a paced serial line carried and when: every reception and transmission with its bytes, its
 * baud rate and the moments its first bit started and its last bit ended on the line. Tests and
 * benchmarks check timing on this record (the simulator's own schedule), never on their own clocks.
 *
 * <p>Thread-safe; keeps the newest {@link #CAPACITY} transmissions.
 */
public final class LineRecord {

    /** Transmissions kept; older ones are dropped. */
    public static final int CAPACITY = 10_000;
    /** Bytes kept of each transmission, enough to tell the messages apart. */
    public static final int BYTES_KEPT = 64;

    /** Which way the bytes went, seen from the meter. */
    public enum Direction { RECEIVED, SENT }

    /**
     * One burst of bytes on the line.
     *
     * @param bytes the first {@link #BYTES_KEPT} bytes
     * @param length how many bytes the burst had
     * @param startNanos {@link System#nanoTime()} when its first bit started
     * @param endNanos when its last (stop) bit ended
     */
    public record Transmission(Direction direction, byte[] bytes, int length, int baud, long startNanos,
            long endNanos) {

        public Transmission {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The time the burst occupied the line, in nanoseconds. */
        public long durationNanos() {
            return endNanos - startNanos;
        }

        @Override
        public String toString() {
            return direction + " " + length + " B at " + baud + " Bd [" + startNanos + ".." + endNanos + "]";
        }
    }

    private final Deque<Transmission> transmissions = new ArrayDeque<>();

    synchronized void add(Direction direction, byte[] data, int length, int baud, long startNanos, long endNanos) {
        if (transmissions.size() == CAPACITY) {
            transmissions.removeFirst();
        }
        transmissions.addLast(new Transmission(direction, Arrays.copyOf(data, Math.min(length, BYTES_KEPT)), length,
                baud, startNanos, endNanos));
    }

    /** A copy of what was recorded, oldest first. */
    public synchronized List<Transmission> transmissions() {
        return List.copyOf(transmissions);
    }

    public synchronized void clear() {
        transmissions.clear();
    }
}
