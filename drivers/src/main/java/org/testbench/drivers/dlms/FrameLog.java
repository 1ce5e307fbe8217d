package org.testbench.drivers.dlms;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the DLMS frames a session exchanges go, as evidence of what was said to the meter. Every frame reaches
 * it already made safe: an authentication value (an LLS password, an HLS challenge or answer) is replaced by a
 * marker before any listener sees the bytes; keys are never sent, and ciphered APDUs stay ciphertext.
 */
@FunctionalInterface
public interface FrameLog {

    /** Keeps nothing: the default of {@link SessionOptions}. */
    FrameLog NONE = frame -> { };

    /** Called on the thread that talks to the meter, once per frame sent or complete frame received. */
    void record(Frame frame);

    enum Direction {
        SENT("->"), RECEIVED("<-");

        private final String arrow;

        Direction(String arrow) {
            this.arrow = arrow;
        }

        public String arrow() {
            return arrow;
        }
    }

    /**
     * @param hex the frame's bytes as hex, a space between bytes, with any authentication value replaced by a
     *            marker in brackets
     * @param bytes how many bytes the frame had on the wire
     */
    record Frame(Instant time, Direction direction, String hex, int bytes) {
        public Frame {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(hex, "hex");
        }
    }
}
