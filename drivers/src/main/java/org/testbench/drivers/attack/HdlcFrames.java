package org.testbench.drivers.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * HDLC frames of IEC 62056-46 built and read byte by byte, so that a negative test can break exactly one
 * field of an otherwise correct frame (Gurux only builds correct ones): flag, frame format (type 3,
 * segmentation bit, 11-bit length), destination and source address, control, HCS, information, FCS, flag.
 */
final class HdlcFrames {

    static final int FLAG = 0x7E;
    static final byte[] LLC_REQUEST = {(byte) 0xE6, (byte) 0xE6, 0x00};
    static final byte[] LLC_RESPONSE = {(byte) 0xE6, (byte) 0xE7, 0x00};
    static final int FORMAT_TYPE_3 = 0xA0;
    static final int SEGMENTATION = 0x08;
    static final int POLL_FINAL = 0x10;
    static final int SNRM = 0x83;
    static final int DISC = 0x43;
    static final int UA = 0x63;
    static final int DM = 0x0F;
    static final int FRMR = 0x87;
    static final int MAX_LENGTH = 0x7FF;

    private HdlcFrames() {
    }

    /** One frame as its fields, for building and for reading the meter's answers. */
    record Frame(boolean segmented, byte[] destination, byte[] source, int control, byte[] information) {

        boolean isInformation() {
            return (control & 0x01) == 0;
        }

        /** Receive ready (RR) or receive not ready (RNR): an acknowledgement without data. */
        boolean isSupervisory() {
            return (control & 0x03) == 0x01;
        }

        int sendSequence() {
            return (control >> 1) & 0x07;
        }

        int receiveSequence() {
            return (control >> 5) & 0x07;
        }

        /** The unnumbered command or response without its poll/final bit (UA, DM, FRMR...). */
        int unnumbered() {
            return control & ~POLL_FINAL & 0xFF;
        }

        String describe() {
            if (isInformation()) {
                return "I-frame N(S)=" + sendSequence() + " N(R)=" + receiveSequence() + (segmented ? " segmented" : "");
            }
            if (isSupervisory()) {
                return ((control & 0x0F) == 0x01 ? "RR" : "RNR") + " N(R)=" + receiveSequence();
            }
            return switch (unnumbered()) {
                case UA -> "UA";
                case DM -> "DM (disconnected mode)";
                case FRMR -> "FRMR (frame reject)";
                case DISC -> "DISC";
                case SNRM -> "SNRM";
                default -> String.format("frame with control 0x%02X", control);
            };
        }
    }

    static int information(int sendSequence, int receiveSequence) {
        return (receiveSequence & 0x07) << 5 | POLL_FINAL | (sendSequence & 0x07) << 1;
    }

    static int receiveReady(int receiveSequence) {
        return (receiveSequence & 0x07) << 5 | POLL_FINAL | 0x01;
    }

    /** Encodes a correct frame: HCS when there is an information field, FCS always. */
    static byte[] encode(Frame f) {
        boolean hasInformation = f.information().length > 0;
        int length = 2 + f.destination().length + f.source().length + 1 + (hasInformation ? 2 + f.information().length
                : 0) + 2;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("an HDLC frame holds at most " + MAX_LENGTH + " bytes, not " + length);
        }
        byte[] raw = new byte[length + 2];
        raw[0] = (byte) FLAG;
        raw[1] = (byte) (FORMAT_TYPE_3 | (f.segmented() ? SEGMENTATION : 0) | (length >> 8));
        raw[2] = (byte) length;
        int p = 3;
        System.arraycopy(f.destination(), 0, raw, p, f.destination().length);
        p += f.destination().length;
        System.arraycopy(f.source(), 0, raw, p, f.source().length);
        p += f.source().length;
        raw[p++] = (byte) f.control();
        if (hasInformation) {
            p = putCheck(raw, p, crc(raw, 1, p - 1));
            System.arraycopy(f.information(), 0, raw, p, f.information().length);
            p += f.information().length;
        }
        p = putCheck(raw, p, crc(raw, 1, p - 1));
        raw[p] = (byte) FLAG;
        return raw;
    }

    /** Where the HCS of an encoded frame with an information field starts. */
    static int hcsOffset(byte[] raw) {
        int p = 3;
        p += addressLength(raw, p);
        p += addressLength(raw, p);
        return p + 1;
    }

    /** Recomputes the FCS of an encoded frame (after a field was changed on purpose). */
    static void refreshFcs(byte[] raw) {
        int end = raw.length - 1;
        putCheck(raw, end - 2, crc(raw, 1, end - 3));
    }

    /** Recomputes HCS and FCS of an encoded frame with an information field. */
    static void refreshChecks(byte[] raw) {
        int hcs = hcsOffset(raw);
        putCheck(raw, hcs, crc(raw, 1, hcs - 1));
        refreshFcs(raw);
    }

    /** CRC-16/X-25, the frame check of RFC 1662 and IEC 62056-46. */
    static int crc(byte[] data, int offset, int length) {
        int fcs = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            fcs ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
            }
        }
        return ~fcs & 0xFFFF;
    }

    private static int putCheck(byte[] raw, int p, int check) {
        raw[p] = (byte) check; // least significant byte first
        raw[p + 1] = (byte) (check >>> 8);
        return p + 2;
    }

    private static int check(byte[] raw, int p) {
        return (raw[p] & 0xFF) | (raw[p + 1] & 0xFF) << 8;
    }

    /** An address field ends with the byte whose lowest bit is set (1, 2 or 4 bytes). */
    static int addressLength(byte[] raw, int start) {
        for (int i = 0; i < 4 && start + i < raw.length; i++) {
            if ((raw[start + i] & 0x01) != 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no end of an HDLC address at byte " + start);
    }

    /** The fields of a complete frame (flags included); empty when it is malformed or a check fails. */
    static Optional<Frame> decode(byte[] raw) {
        int end = raw.length - 1;
        if (raw.length < 9 || (raw[0] & 0xFF) != FLAG || (raw[end] & 0xFF) != FLAG
                || (raw[1] & 0xF0) != FORMAT_TYPE_3 || (((raw[1] & 0x07) << 8) | (raw[2] & 0xFF)) != raw.length - 2) {
            return Optional.empty();
        }
        try {
            int p = 3;
            int dl = addressLength(raw, p);
            byte[] destination = Arrays.copyOfRange(raw, p, p + dl);
            p += dl;
            int sl = addressLength(raw, p);
            byte[] source = Arrays.copyOfRange(raw, p, p + sl);
            p += sl;
            int control = raw[p++] & 0xFF;
            if (check(raw, end - 2) != crc(raw, 1, end - 3)) {
                return Optional.empty();
            }
            byte[] information = new byte[0];
            if (end - p > 2) {
                if (end - p < 4 || check(raw, p) != crc(raw, 1, p - 1)) {
                    return Optional.empty();
                }
                information = Arrays.copyOfRange(raw, p + 2, end - 2);
            }
            return Optional.of(new Frame((raw[1] & SEGMENTATION) != 0, destination, source, control, information));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Cuts received bytes into complete frames the way a receiver does: from an opening flag, by the length
     * in the format field; garbage between frames is skipped. Returns the frames and leaves the bytes of an
     * incomplete one in {@code pending}.
     */
    static List<byte[]> cut(java.io.ByteArrayOutputStream pending) {
        byte[] data = pending.toByteArray();
        List<byte[]> frames = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < data.length && (data[p] & 0xFF) != FLAG) {
                p++;
            }
            while (p + 1 < data.length && (data[p + 1] & 0xFF) == FLAG) {
                p++;
            }
            if (data.length - p < 3) {
                break;
            }
            if ((data[p + 1] & 0xF0) != FORMAT_TYPE_3) {
                p++;
                continue;
            }
            int total = (((data[p + 1] & 0x07) << 8) | (data[p + 2] & 0xFF)) + 2;
            if (total < 9) {
                p++;
                continue;
            }
            if (data.length - p < total) {
                break;
            }
            if ((data[p + total - 1] & 0xFF) != FLAG) {
                p++;
                continue;
            }
            frames.add(Arrays.copyOfRange(data, p, p + total));
            p += total - 1;
        }
        pending.reset();
        pending.write(data, p, data.length - p);
        return frames;
    }
}
