package org.testbench.lab.cosem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts a TCP byte stream into wrapper frames; a header with a wrong version is skipped byte by byte. */
final class WrapperFrameReader {

    private byte[] buffer = new byte[512];
    private int size;

    List<byte[]> feed(byte[] data, int length) {
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
        }
        System.arraycopy(data, 0, buffer, size, length);
        size += length;
        List<byte[]> frames = new ArrayList<>();
        while (size >= WrapperFrame.HEADER_LENGTH) {
            if (WrapperFrame.uint16(buffer, 0) != WrapperFrame.VERSION) {
                discard(1);
                continue;
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

    private void discard(int count) {
        System.arraycopy(buffer, count, buffer, 0, size - count);
        size -= count;
    }
}
