package org.testbench.drivers.dlms;

import java.util.Optional;

/**
 * Checks that an APDU the meter sent is exactly as long as its own encoding says: a GET or ACTION answer whose
 * A-XDR data ends before (or after) the APDU does, or a ciphered APDU or an association answer whose length
 * octets disagree with what follows. Gurux decodes a truncated value as {@code null} or 0 without complaint, so
 * without this check a frame cut short would become a wrong reading. Tags this class does not know pass: it
 * judges only what it can decode.
 */
final class ApduCompleteness {

    private static final int GET_RESPONSE = 0xC4;
    private static final int ACTION_RESPONSE = 0xC7;
    private static final int AARE = 0x61;
    private static final int RLRE = 0x63;
    private static final int GLO_GET_RESPONSE = 0xCC;
    private static final int GLO_ACTION_RESPONSE = 0xCF;
    private static final int GENERAL_GLO_CIPHERING = 0xDB;
    private static final int GENERAL_DED_CIPHERING = 0xDC;
    private static final int DED_GET_RESPONSE = 0xD4;
    private static final int DED_ACTION_RESPONSE = 0xD7;

    private ApduCompleteness() {
    }

    /** What is wrong with {@code apdu}, or empty when its encoding accounts for every byte. */
    static Optional<String> problem(byte[] apdu) {
        if (apdu.length == 0) {
            return Optional.of("an empty APDU");
        }
        try {
            int end = switch (apdu[0] & 0xFF) {
                case GET_RESPONSE -> getResponse(apdu);
                case ACTION_RESPONSE -> actionResponse(apdu);
                case AARE, RLRE -> berLength(apdu, 1);
                case GLO_GET_RESPONSE, GLO_ACTION_RESPONSE, DED_GET_RESPONSE, DED_ACTION_RESPONSE -> berLength(apdu, 1);
                case GENERAL_GLO_CIPHERING, GENERAL_DED_CIPHERING -> berLength(apdu, octetString(apdu, 1));
                default -> apdu.length;
            };
            if (end != apdu.length) {
                return Optional.of(String.format("an APDU of %d bytes whose encoding ends after %d (tag %02X)",
                        apdu.length, end, apdu[0] & 0xFF));
            }
            return Optional.empty();
        } catch (Incomplete e) {
            return Optional.of(String.format("an incomplete APDU (tag %02X, %d bytes): its encoding needs more",
                    apdu[0] & 0xFF, apdu.length));
        }
    }

    private static int getResponse(byte[] b) {
        int type = u8(b, 1);
        int at = 3; // tag, type, invoke-id-and-priority
        return switch (type) {
            case 1 -> getDataResult(b, at);
            case 2 -> {
                at += 1 + 4; // last-block, block-number
                int choice = u8(b, at++);
                if (choice == 0) {
                    yield octetString(b, at);
                }
                yield at + 1; // data-access-result
            }
            case 3 -> {
                long[] count = length(b, at);
                at = (int) count[1];
                for (long i = 0; i < count[0]; i++) {
                    at = getDataResult(b, at);
                }
                yield at;
            }
            default -> b.length;
        };
    }

    private static int getDataResult(byte[] b, int at) {
        int choice = u8(b, at);
        return choice == 0 ? data(b, at + 1) : at + 2;
    }

    private static int actionResponse(byte[] b) {
        if (u8(b, 1) != 1) {
            return b.length; // with-pblock / with-list: not decoded here
        }
        int at = 4; // tag, type, invoke-id, result
        u8(b, 3);
        if (b.length == at) {
            return at;
        }
        if (u8(b, at++) == 0) {
            return at; // no return parameters
        }
        return getDataResult(b, at);
    }

    /** End of the A-XDR data starting at {@code at}. */
    private static int data(byte[] b, int at) {
        int type = u8(b, at++);
        switch (type) {
            case 0, 255:
                return at;
            case 1, 2: { // array, structure
                long[] count = length(b, at);
                at = (int) count[1];
                for (long i = 0; i < count[0]; i++) {
                    at = data(b, at);
                }
                return at;
            }
            case 3, 15, 17, 22:
                return need(b, at + 1);
            case 16, 18:
                return need(b, at + 2);
            case 5, 6, 23:
                return need(b, at + 4);
            case 20, 21, 24:
                return need(b, at + 8);
            case 25:
                return need(b, at + 12);
            case 26:
                return need(b, at + 5);
            case 27:
                return need(b, at + 4);
            case 4: { // bit-string: length in bits
                long[] bits = length(b, at);
                return need(b, (int) (bits[1] + (bits[0] + 7) / 8));
            }
            case 9, 10, 12, 13:
                return octetString(b, at);
            default:
                return b.length; // compact arrays and types unknown here: not judged
        }
    }

    /** End of a length-prefixed octet string starting at {@code at} (its length octets). */
    private static int octetString(byte[] b, int at) {
        long[] n = length(b, at);
        long end = n[1] + n[0];
        if (end > b.length) {
            throw new Incomplete();
        }
        return (int) end;
    }

    /** End of a BER element whose length octets start at {@code at}. */
    private static int berLength(byte[] b, int at) {
        return octetString(b, at);
    }

    /** An A-XDR/BER length: {value, position after it}. */
    private static long[] length(byte[] b, int at) {
        int first = u8(b, at);
        if (first < 0x80) {
            if (first > b.length) {
                throw new Incomplete();
            }
            return new long[] {first, at + 1};
        }
        int octets = first & 0x7F;
        if (octets > 4) {
            throw new Incomplete(); // no meter sends 4 GB: read as a length the rest cannot hold
        }
        long value = 0;
        for (int i = 1; i <= octets; i++) {
            value = value << 8 | u8(b, at + i);
        }
        if (value > b.length) {
            throw new Incomplete(); // each element or octet needs at least one byte
        }
        return new long[] {value, at + 1 + octets};
    }

    private static int need(byte[] b, int end) {
        if (end > b.length) {
            throw new Incomplete();
        }
        return end;
    }

    private static int u8(byte[] b, int at) {
        if (at >= b.length) {
            throw new Incomplete();
        }
        return b[at] & 0xFF;
    }

    private static final class Incomplete extends RuntimeException {
        Incomplete() {
            super(null, null, false, false);
        }
    }
}
