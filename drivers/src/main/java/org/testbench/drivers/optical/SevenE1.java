package org.testbench.drivers.optical;

/**
 * IEC 62056-21 sign-on characters are 7 data bits with even parity. Lines and pseudo-terminals run
 * 8N1 here, so the parity bit travels as bit 7 of each byte and is computed and checked in software.
 */
final class SevenE1 {

    /** Returned by {@link #decode(int)} when the parity bit is wrong. */
    static final int PARITY_ERROR = -1;

    private SevenE1() {
    }

    static byte[] encode(String ascii) {
        byte[] out = new byte[ascii.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) encode(ascii.charAt(i));
        }
        return out;
    }

    static int encode(int ch) {
        if (ch < 0 || ch > 0x7F) {
            throw new IllegalArgumentException("not a 7-bit character: 0x" + Integer.toHexString(ch));
        }
        return Integer.bitCount(ch) % 2 == 0 ? ch : ch | 0x80;
    }

    /** The 7-bit character, or {@link #PARITY_ERROR}. */
    static int decode(int octet) {
        int b = octet & 0xFF;
        return Integer.bitCount(b) % 2 == 0 ? b & 0x7F : PARITY_ERROR;
    }
}
