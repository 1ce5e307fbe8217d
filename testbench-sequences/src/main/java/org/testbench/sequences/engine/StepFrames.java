package org.testbench.sequences.engine;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.testbench.drivers.dlms.FrameLog;

/**
 * The DLMS frames one step exchanged with the meter, as evidence: a line per frame, its time (ISO instant to the
 * millisecond), its direction ({@code ->} to the meter, {@code <-} from it) and its bytes in hex, as the driver made
 * them safe (authentication values withheld). A step that reads a whole event log can exchange megabytes, so the
 * text stops at {@link #MAX_CHARS} and then only counts the frames it leaves out.
 */
final class StepFrames implements FrameLog {

    /** 64 KiB of text: hundreds of frames of a register read, the start of a long profile read. */
    static final int MAX_CHARS = 64 * 1024;

    /** Always three fraction digits, so the lines align (ISO_INSTANT drops a zero fraction). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder text = new StringBuilder();
    private int kept;
    private int omitted;
    private long omittedBytes;

    @Override
    public synchronized void record(Frame frame) {
        String line = TIME.format(frame.time()) + " " + frame.direction().arrow() + " "
                + frame.hex() + "\n";
        if (omitted == 0 && text.length() + line.length() <= MAX_CHARS) {
            text.append(line);
            kept++;
        } else {
            omitted++;
            omittedBytes += frame.bytes();
        }
    }

    synchronized boolean isEmpty() {
        return kept == 0 && omitted == 0;
    }

    /** The lines kept, then what was left out. */
    synchronized String text() {
        StringBuilder b = new StringBuilder(text);
        if (omitted > 0) {
            b.append("... ").append(omitted).append(" more frame(s), ").append(omittedBytes)
                    .append(" bytes, not kept (evidence is limited to ").append(MAX_CHARS / 1024)
                    .append(" KiB per step)\n");
        }
        return b.toString();
    }
}
