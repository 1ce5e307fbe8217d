package org.testbench.lab.cosem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts a TCP byte stream into wrapper frames; after a header with a wrong version the stream is broken. */
final class WrapperFrameReader {

    private byte[] buffer = new byte[512];
    private int size;
    private boolean broken;

    List<byte[]> feed(byte[] data, int length) {
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        }
        System.arraycopy(data, 0, buffer, size, length);
        size += length;
        List<byte[]> frames = new ArrayList<>();
        while (!broken && size >= WrapperFrame.HEADER_LENGTH) {
            if (WrapperFrame.uint16(buffer, 0) != WrapperFrame.VERSION) {
                broken = true;
                break;
            }
            int total = WrapperFrame.HEADER_LENGTH + WrapperFrame.uint16(buffer, 6);
            if (size < total) {
                break;
            }
            frames.add(Arrays.copyOf(buffer, total));
            discard(total);
        }
        return frames;
    }

    /** True once a header had a wrong version: nothing after it can be trusted to start a frame. */
    boolean broken() {
        return broken;
    }

    private void discard(int count) {
        System.arraycopy(buffer, count, buffer, 0, size - count);
        size -= count;
    }
}
