package org.testbench.sequences.results;

import java.util.HexFormat;

/** What the tests and {@link RecordingProcess} agree on. */
final class ProcessFixtures {

    /** The DLMS test vector's encryption key (NOTES.md): 000102…0F. */
    static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    static final String KEY_HEX = "000102030405060708090A0B0C0D0E0F";

    private ProcessFixtures() {
    }
}
