package org.testbench.lab.cosem;

import java.util.Arrays;
import java.util.Optional;

/**
 * One HDLC frame as IEC 62056-46 defines it: flag, frame format (type 3, segmentation bit,
 * 11-bit length), destination and source address, control, HCS, information, FCS, flag.
 *
 * <p>The session reads frames only to look at the APDU before Gurux does (security checks) and,
 * when it must answer an APDU itself, to build a reply that keeps Gurux's sequence numbers.
 */
final class HdlcFrame {

    static final int FLAG = 0x7E;
    /** LLC header of a request (client to server) in the first segment of an APDU. */
    static final byte[] LLC_REQUEST = {(byte) 0xE6, (byte) 0xE6, 0x00};
    /** LLC header of a response (server to client). */
    static final byte[] LLC_RESPONSE = {(byte) 0xE6, (byte) 0xE7, 0x00};

    private static final int FORMAT_TYPE_3 = 0xA0;
    private static final int SEGMENTATION_BIT = 0x08;
    private static final int MAX_LENGTH = 0x7FF;
    private static final int MAX_ADDRESS_LENGTH = 4;
    private static final int DISC = 0x43;
    private static final int DM = 0x0F;
    private static final int POLL_FINAL_BIT = 0x10;

    private final byte[] destination;
    private final byte[] source;
    private final int control;
    private final boolean segmented;
    private final byte[] information;

    private HdlcFrame(byte[] destination, byte[] source, int control, boolean segmented, byte[] information) {
        this.destination = destination;
        this.source = source;
        this.control = control;
        this.segmented = segmented;
        this.information = information;
    }

    /** Parses a complete frame (flags included); empty if it is malformed or a check sequence fails. */
    static Optional<HdlcFrame> parse(byte[] raw) {
        int end = raw.length - 1;
        if (raw.length < 9 || (raw[0] & 0xFF) != FLAG || (raw[end] & 0xFF) != FLAG
                || (raw[1] & 0xF0) != FORMAT_TYPE_3) {
            return Optional.empty();
        }
        int length = ((raw[1] & 0x07) << 8) | (raw[2] & 0xFF);
        if (length != raw.length - 2) {
            return Optional.empty();
        }
        int position = 3;
        int destinationLength = addressLength(raw, position, end);
        if (destinationLength < 0) {
            return Optional.empty();
        }
        byte[] destination = Arrays.copyOfRange(raw, position, position + destinationLength);
        position += destinationLength;
        int sourceLength = addressLength(raw, position, end);
        if (sourceLength < 0) {
            return Optional.empty();
        }
        byte[] source = Arrays.copyOfRange(raw, position, position + sourceLength);
        position += sourceLength;
        int control = raw[position++] & 0xFF;
        int remaining = end - position;
        byte[] information;
        if (remaining == 2) {
            information = new byte[0];
        } else if (remaining >= 4) {
            // HCS covers format, addresses and control.
            if (checkSequence(raw, 1, position - 1) != readCheckSequence(raw, position)) {
                return Optional.empty();
            }
            information = Arrays.copyOfRange(raw, position + 2, end - 2);
        } else {
            return Optional.empty();
        }
        // FCS covers everything between the flags except itself.
        if (checkSequence(raw, 1, end - 3) != readCheckSequence(raw, end - 2)) {
            return Optional.empty();
        }
        boolean segmented = (raw[1] & SEGMENTATION_BIT) != 0;
        return Optional.of(new HdlcFrame(destination, source, control, segmented, information));
    }

    private static int addressLength(byte[] raw, int start, int end) {
        for (int i = 0; i < MAX_ADDRESS_LENGTH && start + i < end; i++) {
            if ((raw[start + i] & 0x01) != 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Frame check sequence of RFC 1662 / IEC 62056-46 (CRC-16/X-25). */
    static int checkSequence(byte[] data, int offset, int length) {
        int fcs = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            fcs ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
            }
        }
        return ~fcs & 0xFFFF;
    }

    private static int readCheckSequence(byte[] raw, int position) {
        // Transmitted least significant byte first.
        return (raw[position] & 0xFF) | ((raw[position + 1] & 0xFF) << 8);
    }

    /** The DM (disconnected mode) response to this frame: the meter ends the link. */
    byte[] disconnectedModeResponse() {
        return new HdlcFrame(source, destination, DM | POLL_FINAL_BIT, false, new byte[0]).encode();
    }

    /** The frame's bytes with the FCS its contents would have (a weak meter that skips the check). */
    static byte[] withCorrectFcs(byte[] raw) {
        byte[] fixed = raw.clone();
        if (fixed.length >= 9) {
            int end = fixed.length - 1;
            writeCheckSequence(fixed, end - 2, checkSequence(fixed, 1, end - 3));
        }
        return fixed;
    }

    /** The same addresses and control field with another information field, unsegmented. */
    HdlcFrame withInformation(byte[] newInformation) {
        return new HdlcFrame(destination, source, control, false, newInformation.clone());
    }

    byte[] encode() {
        int headerLength = 2 + destination.length + source.length + 1;
        boolean hasInformation = information.length > 0;
        int length = headerLength + (hasInformation ? 2 + information.length : 0) + 2;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("HDLC frame too long: " + length + " bytes");
        }
        byte[] raw = new byte[length + 2];
        raw[0] = (byte) FLAG;
        raw[1] = (byte) (FORMAT_TYPE_3 | (segmented ? SEGMENTATION_BIT : 0) | (length >> 8));
        raw[2] = (byte) length;
        int position = 3;
        System.arraycopy(destination, 0, raw, position, destination.length);
        position += destination.length;
        System.arraycopy(source, 0, raw, position, source.length);
        position += source.length;
        raw[position++] = (byte) control;
        if (hasInformation) {
            position = writeCheckSequence(raw, position, checkSequence(raw, 1, position - 1));
            System.arraycopy(information, 0, raw, position, information.length);
            position += information.length;
        }
        position = writeCheckSequence(raw, position, checkSequence(raw, 1, position - 1));
        raw[position] = (byte) FLAG;
        return raw;
    }

    private static int writeCheckSequence(byte[] raw, int position, int fcs) {
        raw[position] = (byte) fcs;
        raw[position + 1] = (byte) (fcs >>> 8);
        return position + 2;
    }

    /** True for an I-frame, the only kind that carries an APDU (segment). */
    boolean isInformationTransfer() {
        return (control & 0x01) == 0;
    }

    boolean isDisconnect() {
        return (control & ~POLL_FINAL_BIT) == DISC;
    }

    boolean segmented() {
        return segmented;
    }

    byte[] information() {
        return information.clone();
    }

    /**
     * The address value of a one-, two- or four-byte address field (IEC 62056-46): seven bits per byte, so
     * two bytes give upper &lt;&lt; 7 | lower and four give upper &lt;&lt; 14 | lower; -1 for three bytes.
     */
    private static int address(byte[] field) {
        if (field.length == 3) {
            return -1;
        }
        int value = 0;
        for (byte b : field) {
            value = value << 7 | (b & 0xFF) >>> 1;
        }
        return value;
    }

    int destinationAddress() {
        return address(destination);
    }

    int sourceAddress() {
        return address(source);
    }
}
