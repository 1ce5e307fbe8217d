package org.testbench.lab.optical;

import java.nio.charset.StandardCharsets;

/**
 * 7E1 in software: IEC 62056-21 sign-on runs at 7 data bits with even parity, but TCP and
 * pseudo-terminals carry 8-bit bytes, so bit 7 carries the parity of the 7 data bits.
 */
final class EvenParity {

    private EvenParity() {
    }

    /** The 7-bit character with bit 7 set so that the byte has an even number of one bits. */
    static byte encode(int character) {
        int data = character & 0x7F;
        return (byte) (Integer.bitCount(data) % 2 == 0 ? data : data | 0x80);
    }

    static byte[] encode(String ascii) {
        byte[] characters = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = new byte[characters.length];
        for (int i = 0; i < characters.length; i++) {
            encoded[i] = encode(characters[i]);
        }
        return encoded;
    }

    static boolean isValid(byte received) {
        return Integer.bitCount(received & 0xFF) % 2 == 0;
    }

    static char strip(byte received) {
        return (char) (received & 0x7F);
    }
}
