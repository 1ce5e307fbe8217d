package org.testbench.lab.cosem;

import java.util.Arrays;

/**
 * One DLMS/COSEM TCP wrapper frame (IEC 62056-47): version 1, source and destination wrapper
 * port, length, APDU.
 */
final class WrapperFrame {

    static final int HEADER_LENGTH = 8;
    static final int VERSION = 1;

    private final int source;
    private final int destination;
    private final byte[] apdu;

    WrapperFrame(int source, int destination, byte[] apdu) {
        this.source = source;
        this.destination = destination;
        this.apdu = apdu.clone();
    }

    /** Parses a complete frame as cut by {@link WrapperFrameReader}. */
    static WrapperFrame parse(byte[] raw) {
        return new WrapperFrame(uint16(raw, 2), uint16(raw, 4), Arrays.copyOfRange(raw, HEADER_LENGTH, raw.length));
    }

    static int uint16(byte[] raw, int position) {
        return ((raw[position] & 0xFF) << 8) | (raw[position + 1] & 0xFF);
    }

    byte[] encode() {
        byte[] raw = new byte[HEADER_LENGTH + apdu.length];
        putUint16(raw, 0, VERSION);
        putUint16(raw, 2, source);
        putUint16(raw, 4, destination);
        putUint16(raw, 6, apdu.length);
        System.arraycopy(apdu, 0, raw, HEADER_LENGTH, apdu.length);
        return raw;
    }

    private static void putUint16(byte[] raw, int position, int value) {
        raw[position] = (byte) (value >>> 8);
        raw[position + 1] = (byte) value;
    }

    int source() {
        return source;
    }

    int destination() {
        return destination;
    }

    byte[] apdu() {
        return apdu.clone();
    }
}
