package org.testbench.lab.cosem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a received byte stream into HDLC frames. Bytes between frames and frames that do not end
 * with a flag are skipped, the way a receiver resynchronises on the next opening flag.
 */
final class HdlcFrameReader {

    /** A format field holds 11 bits of length; anything longer is garbage. */
    private static final int MAX_FRAME = 0x7FF + 2;

    private byte[] buffer = new byte[256];
    private int size;

    /** Adds received bytes and returns the frames they completed (flags included). */
    List<byte[]> feed(byte[] data, int length) {
        append(data, length);
        List<byte[]> frames = new ArrayList<>();
        while (true) {
            int start = indexOfFlag();
            if (start < 0) {
                size = 0;
                break;
            }
            discard(start);
            while (size >= 2 && (buffer[1] & 0xFF) == HdlcFrame.FLAG) {
                discard(1); // idle or shared flags
            }
            if (size < 3) {
                break;
            }
            if ((buffer[1] & 0xF0) != 0xA0) {
                discard(1);
                continue;
            }
            int total = (((buffer[1] & 0x07) << 8) | (buffer[2] & 0xFF)) + 2;
            if (total < 9 || total > MAX_FRAME) {
                discard(1);
                continue;
            }
            if (size < total) {
                break;
            }
            if ((buffer[total - 1] & 0xFF) != HdlcFrame.FLAG) {
                discard(1);
                continue;
            }
            frames.add(Arrays.copyOf(buffer, total));
            // The closing flag may also open the next frame.
            discard(total - 1);
        }
        return frames;
    }

    private void append(byte[] data, int length) {
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        }
        System.arraycopy(data, 0, buffer, size, length);
        size += length;
    }

    private int indexOfFlag() {
        for (int i = 0; i < size; i++) {
            if ((buffer[i] & 0xFF) == HdlcFrame.FLAG) {
                return i;
            }
        }
        return -1;
    }

    private void discard(int count) {
        System.arraycopy(buffer, count, buffer, 0, size - count);
        size -= count;
    }
}
