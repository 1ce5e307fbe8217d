package org.testbench.drivers.dlms;

import java.util.HexFormat;

/**
 * Turns a frame into hex that is safe to keep: the calling-authentication-value of an AARQ (an LLS password, or the
 * client's HLS challenge), the responding-authentication-value of an AARE (the meter's HLS challenge) and the
 * parameters of an unciphered HLS pass 3 and pass 4 (reply_to_HLS_authentication of the association object) become
 * a marker. Ciphered APDUs are left as they are: they are ciphertext. One instance per link, because pass 4 is
 * known only as the answer to pass 3.
 */
final class FrameRedaction {

    static final String LLS_MARKER = "[LLS password withheld]";
    static final String HLS_MARKER = "[HLS challenge withheld]";
    static final String HLS_ANSWER_MARKER = "[HLS answer withheld]";

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final int AARQ = 0x60;
    private static final int AARE = 0x61;
    private static final int ACTION_REQUEST = 0xC3;
    private static final int ACTION_RESPONSE = 0xC7;
    private static final int AARQ_MECHANISM = 0x8B;
    private static final int AARE_MECHANISM = 0x89;
    private static final int CALLING_AUTHENTICATION = 0xAC;
    private static final int RESPONDING_AUTHENTICATION = 0xAA;
    /** The last arc of the mechanism name's OID (2.16.756.5.8.2.x): 1 is low level security. */
    private static final int LLS = 1;
    /** Association LN, method 1: reply_to_HLS_authentication. */
    private static final int ASSOCIATION_LN = 15;

    private final DlmsFraming framing;
    private boolean awaitingHlsAnswer;

    FrameRedaction(DlmsFraming framing) {
        this.framing = framing;
    }

    /** The frame as hex, its secrets replaced. */
    String sent(byte[] frame, int length) {
        int apdu = apduStart(frame, length);
        if (apdu < 0) {
            return HEX.formatHex(frame, 0, length);
        }
        int tag = frame[apdu] & 0xFF;
        if (tag == AARQ) {
            return withheldAuthentication(frame, length, apdu, AARQ_MECHANISM, CALLING_AUTHENTICATION);
        }
        if (tag == ACTION_REQUEST && length >= apdu + 12
                && (frame[apdu + 1] & 0xFF) == 1 // action-request-normal
                && ((frame[apdu + 3] & 0xFF) << 8 | frame[apdu + 4] & 0xFF) == ASSOCIATION_LN
                && (frame[apdu + 11] & 0xFF) == 1) {
            awaitingHlsAnswer = true;
            return spliced(frame, length, apdu + 12, trailer(length), HLS_ANSWER_MARKER);
        }
        return HEX.formatHex(frame, 0, length);
    }

    String received(byte[] frame, int length) {
        int apdu = apduStart(frame, length);
        if (apdu < 0) {
            return HEX.formatHex(frame, 0, length);
        }
        int tag = frame[apdu] & 0xFF;
        if (tag == AARE) {
            return withheldAuthentication(frame, length, apdu, AARE_MECHANISM, RESPONDING_AUTHENTICATION);
        }
        if (tag == ACTION_RESPONSE && awaitingHlsAnswer) {
            awaitingHlsAnswer = false;
            // action-response-normal: tag, choice, invoke-id, result; then the return parameters
            int from = Math.min(apdu + 4, length - trailer(length));
            return spliced(frame, length, from, trailer(length), HLS_ANSWER_MARKER);
        }
        return HEX.formatHex(frame, 0, length);
    }

    /** Where the APDU starts: after the wrapper header, or after the LLC bytes of an HDLC I-frame; -1 if none. */
    private int apduStart(byte[] frame, int length) {
        if (framing == DlmsFraming.WRAPPER) {
            return length > 8 ? 8 : -1;
        }
        for (int i = 3; i + 3 < length; i++) {
            if ((frame[i] & 0xFF) == 0xE6 && ((frame[i + 1] & 0xFF) == 0xE6 || (frame[i + 1] & 0xFF) == 0xE7)
                    && frame[i + 2] == 0) {
                return i + 3;
            }
        }
        return -1;
    }

    /** HDLC frames end with the frame check sequence and a flag; a wrapper frame ends with its APDU. */
    private int trailer(int length) {
        return framing == DlmsFraming.HDLC && length >= 3 ? 3 : 0;
    }

    /** Walks the ACSE APDU's components and withholds the authentication value, named by the mechanism. */
    private String withheldAuthentication(byte[] frame, int length, int apdu, int mechanismTag, int valueTag) {
        int[] outer = lengthAt(frame, length, apdu + 1);
        if (outer == null) {
            return HEX.formatHex(frame, 0, length);
        }
        int end = Math.min(length, outer[0] + outer[1]);
        int mechanism = -1;
        for (int pos = outer[0]; pos + 1 < end; ) {
            int tag = frame[pos] & 0xFF;
            int[] component = lengthAt(frame, end, pos + 1);
            if (component == null) {
                break;
            }
            int valueEnd = component[0] + component[1];
            if (tag == mechanismTag && component[1] > 0 && valueEnd <= end) {
                mechanism = frame[valueEnd - 1] & 0xFF;
            } else if (tag == valueTag) {
                String marker = mechanism == LLS ? LLS_MARKER : HLS_MARKER;
                return spliced(frame, length, component[0], length - Math.min(valueEnd, length), marker);
            }
            pos = valueEnd;
        }
        return HEX.formatHex(frame, 0, length);
    }

    /** {offset of the value, its length} of a BER length at {@code at}, or null when it does not fit. */
    private static int[] lengthAt(byte[] frame, int limit, int at) {
        if (at >= limit) {
            return null;
        }
        int first = frame[at] & 0xFF;
        if (first < 0x80) {
            return new int[] {at + 1, first};
        }
        int octets = first & 0x7F;
        if (octets == 0 || octets > 2 || at + octets >= limit) {
            return null;
        }
        int value = 0;
        for (int i = 1; i <= octets; i++) {
            value = value << 8 | frame[at + i] & 0xFF;
        }
        return new int[] {at + 1 + octets, value};
    }

    /** The frame's hex up to {@code from}, the marker, then its last {@code tail} bytes. */
    private static String spliced(byte[] frame, int length, int from, int tail, String marker) {
        int resume = Math.max(from, length - tail);
        StringBuilder b = new StringBuilder();
        if (from > 0) {
            b.append(HEX.formatHex(frame, 0, from)).append(' ');
        }
        b.append(marker);
        if (resume < length) {
            b.append(' ').append(HEX.formatHex(frame, resume, length));
        }
        return b.toString();
    }
}
