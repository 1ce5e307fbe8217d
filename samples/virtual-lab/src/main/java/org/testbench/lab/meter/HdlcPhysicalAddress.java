package org.testbench.lab.meter;

/**
 * The lower HDLC address of a meter's optical port (IEC 62056-46), which identifies the physical device.
 *
 * <p>{@link #NONE}: the meter answers a one-byte server address (its logical device only), as the lab's
 * first meter type does. {@link #fixed}: every meter of the type has the same one. {@link #FROM_SERIAL}:
 * derived from the serial number, as meters on a multidrop bus do so that each has its own, by the DLMS
 * Green Book's serial number addressing: SN mod 10000 + 1000, SN the serial's trailing digits.
 */
public record HdlcPhysicalAddress(Kind kind, int value) {

    /** How the address is found. */
    public enum Kind { NONE, FIXED, FROM_SERIAL }

    public static final HdlcPhysicalAddress NONE = new HdlcPhysicalAddress(Kind.NONE, 0);
    public static final HdlcPhysicalAddress FROM_SERIAL = new HdlcPhysicalAddress(Kind.FROM_SERIAL, 0);

    private static final int FIRST_USABLE = 0x10;
    private static final int LAST_USABLE = 0x3FFD;
    private static final int SERIAL_MODULUS = 10_000;
    private static final int SERIAL_OFFSET = 1_000;

    public static HdlcPhysicalAddress fixed(int address) {
        if (address < FIRST_USABLE || address > LAST_USABLE) {
            throw new IllegalArgumentException("HDLC physical address must be 16..16381, was " + address);
        }
        return new HdlcPhysicalAddress(Kind.FIXED, address);
    }

    /** The physical address of the meter with this serial; empty meaning for {@link Kind#NONE}: -1. */
    public int of(String serial) {
        return switch (kind) {
            case NONE -> -1;
            case FIXED -> value;
            case FROM_SERIAL -> fromSerial(serial);
        };
    }

    /** The rule of {@link #FROM_SERIAL}: the serial's last four digits plus 1000. */
    public static int fromSerial(String serial) {
        int end = serial.length();
        int start = end;
        while (start > 0 && Character.isDigit(serial.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            throw new IllegalArgumentException("serial " + serial + " does not end in digits");
        }
        return Integer.parseInt(serial.substring(Math.max(start, end - 4), end)) % SERIAL_MODULUS + SERIAL_OFFSET;
    }

    /**
     * The server address as the HDLC address field carries it: the logical device alone in one byte, or
     * upper (logical) and lower (physical) address in two bytes (both below 128) or four.
     */
    public static int serverAddress(int logical, int physical) {
        if (physical < 0) {
            return logical;
        }
        return logical < 0x80 && physical < 0x80 ? logical << 7 | physical : logical << 14 | physical;
    }

    /** The profile's spelling: a number, or {@code from-serial}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case FIXED -> Integer.toString(value);
            case FROM_SERIAL -> "from-serial";
        };
    }
}
