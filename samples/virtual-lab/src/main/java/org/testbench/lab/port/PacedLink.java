package org.testbench.lab.port;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A link that takes as long as a real serial line at its baud rate: a byte is 10 bit times (start,
 * 8 data or 7 data and parity, stop), the line carries one direction at a time (an optical head is
 * half-duplex), and nothing is heard or delivered before its last bit would have arrived. TCP and
 * pseudo-terminals deliver at once; without this a lab measures times no real head can reach.
 *
 * <p>Every burst goes into a {@link LineRecord} with the moments it occupied the line.
 */
public final class PacedLink implements ByteLink {

    /** Start bit, 8 data bits (or 7 and parity), stop bit. */
    public static final int BITS_PER_BYTE = 10;

    private final ByteLink link;
    private final LineRecord record;
    private volatile int baud;
    /** When the line is free again: the end of the last burst in either direction. */
    private long lineFreeNanos = Long.MIN_VALUE;

    public PacedLink(ByteLink link, int baud, LineRecord record) {
        this.link = Objects.requireNonNull(link, "link");
        this.record = Objects.requireNonNull(record, "record");
        setBaud(baud);
    }

    /** Switches the line's speed, as the meter does after the mode E option select. */
    public void setBaud(int newBaud) {
        if (newBaud <= 0) {
            throw new IllegalArgumentException("baud must be > 0, was " + newBaud);
        }
        this.baud = newBaud;
    }

    public int baud() {
        return baud;
    }

    /** The line time of {@code bytes} bytes at {@code baud}, in nanoseconds. */
    public static long lineNanos(int bytes, int baud) {
        return TimeUnit.SECONDS.toNanos(1) * BITS_PER_BYTE * bytes / baud;
    }

    /** Reads a burst and returns it once its last bit would have arrived. */
    @Override
    public int read(byte[] buffer) throws IOException {
        int count = link.read(buffer);
        if (count > 0) {
            occupy(LineRecord.Direction.RECEIVED, buffer, count);
        }
        return count;
    }

    /** Holds the bytes back for their line time, then delivers them: the client hears the last bit then. */
    @Override
    public void write(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        occupy(LineRecord.Direction.SENT, data, data.length);
        link.write(data);
    }

    /** Writes at once, without line time: a head's echo of the client's own bytes. */
    public void writeUnpaced(byte[] data) throws IOException {
        link.write(data);
    }

    private void occupy(LineRecord.Direction direction, byte[] data, int length) throws IOException {
        int currentBaud = baud;
        long start = Math.max(System.nanoTime(), lineFreeNanos);
        long end = start + lineNanos(length, currentBaud);
        lineFreeNanos = end;
        record.add(direction, data, length, currentBaud, start, end);
        sleepUntil(end);
    }

    private static void sleepUntil(long deadlineNanos) throws IOException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pacing the line");
            }
        }
    }

    @Override
    public String describe() {
        return link.describe() + " (paced, " + baud + " Bd)";
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
