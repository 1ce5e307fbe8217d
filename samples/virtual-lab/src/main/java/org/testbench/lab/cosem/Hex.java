package org.testbench.lab.cosem;

/** Hex dumps of frames for TRACE logs. Frames carry ciphertext and public data, never keys. */
final class Hex {

    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    static String of(byte[] data) {
        char[] text = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            text[2 * i] = DIGITS[(data[i] >> 4) & 0x0F];
            text[2 * i + 1] = DIGITS[data[i] & 0x0F];
        }
        return new String(text);
    }
}
