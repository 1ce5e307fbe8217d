package org.testbench.lab.meter;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who a meter is: nameplate data that never changes while the lab runs.
 *
 * <p>Every value derives from the meter's type and its bench position, so a lab is reproducible and
 * serials are unique within it: the type's four-digit prefix, then the position, e.g. {@code 26000001}
 * for a {@code testbench-virtual} meter at position 1 and {@code 31000002} for an {@code lls-reader} at 2.
 */
public final class MeterIdentity {

    /** The FLAG manufacturer identifier of the lab's meters (upper case: 200 ms reaction time). */
    public static final String MANUFACTURER_FLAG = "TBL";
    /** Model name printed on the nameplate and used in the optical identification. */
    public static final String MODEL = "EM3";
    /** Largest position whose serial still fits the 8-digit scheme. */
    public static final int MAX_POSITION = 9999;

    private static final int SYSTEM_TITLE_LENGTH = 8;

    private final MeterType type;
    private final int position;
    private final String serial;
    private final String logicalDeviceName;
    private final String firmware;
    private final byte[] systemTitle;

    private MeterIdentity(MeterType type, int position) {
        this.type = type;
        this.position = position;
        this.serial = type.serialPrefix() + String.format("%04d", position);
        // FLAG id, then up to 13 characters: a device type code per make and the serial (only the serial for a
        // type without a device type code). A bench usually mixes firmware versions, rotated by position.
        this.logicalDeviceName = type.manufacturerFlag() + type.deviceTypeCode() + serial;
        this.firmware = type.manufacturerFlag().toUpperCase(java.util.Locale.ROOT) + "-" + type.model() + " "
                + type.firmwareVersion(position);
        this.systemTitle = systemTitleOf(type.manufacturerFlag(), serial);
    }

    /** The identity of the lab's first meter type mounted at a bench position (1-based). */
    public static MeterIdentity forPosition(int position) {
        return of(MeterType.TESTBENCH_VIRTUAL, position);
    }

    /** The identity of a meter of this type mounted at a bench position (1-based). */
    public static MeterIdentity of(MeterType type, int position) {
        Objects.requireNonNull(type, "type");
        if (position < 1 || position > MAX_POSITION) {
            throw new IllegalArgumentException("position must be 1.." + MAX_POSITION + ", was " + position);
        }
        return new MeterIdentity(type, position);
    }

    /**
     * System title = FLAG id as 3 ASCII bytes, then the serial number as a 40-bit big-endian
     * integer, so it is unique per meter and readable in a frame dump.
     */
    private static byte[] systemTitleOf(String manufacturerFlag, String serial) {
        byte[] title = new byte[SYSTEM_TITLE_LENGTH];
        byte[] flag = manufacturerFlag.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(flag, 0, title, 0, flag.length);
        long number = Long.parseLong(serial);
        for (int i = SYSTEM_TITLE_LENGTH - 1; i >= flag.length; i--) {
            title[i] = (byte) number;
            number >>>= 8;
        }
        return title;
    }

    public int position() {
        return position;
    }

    public MeterType type() {
        return type;
    }

    public String manufacturerFlag() {
        return type.manufacturerFlag();
    }

    /** The 8-digit serial number (COSEM device ID 1 or 2, or only in the logical device name: see the type). */
    public String serial() {
        return serial;
    }

    /** The COSEM logical device name (0.0.42.0.0.255, at most 16 characters): flag, device type code, serial. */
    public String logicalDeviceName() {
        return logicalDeviceName;
    }

    /** The active firmware identifier (1.0.0.2.0.255). */
    public String firmware() {
        return firmware;
    }

    /** The model name, e.g. for the optical identification message. */
    public String model() {
        return type.model();
    }

    /** The HDLC server address of this meter's optical port, as the address field carries it. */
    public int hdlcServerAddress() {
        return type.hdlcServerAddress(serial);
    }

    /** A copy of the 8-byte DLMS system title. */
    public byte[] systemTitle() {
        return systemTitle.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeterIdentity && ((MeterIdentity) other).position == position
                && ((MeterIdentity) other).type == type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type.name(), position);
    }

    @Override
    public String toString() {
        return "MeterIdentity[type=" + type + ", position=" + position + ", serial=" + serial + ", firmware=" + firmware + "]";
    }
}
