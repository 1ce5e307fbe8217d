package org.testbench.drivers.dlms;

/**
 * Frames and bytes exchanged with a meter in each direction: evidence for a step, and the figures a
 * benchmark needs to compare link speeds.
 */
public record FrameCount(long sent, long received, long bytesSent, long bytesReceived) {

    public static final FrameCount ZERO = new FrameCount(0, 0, 0, 0);

    public FrameCount plus(FrameCount other) {
        return new FrameCount(sent + other.sent, received + other.received, bytesSent + other.bytesSent,
                bytesReceived + other.bytesReceived);
    }
}
