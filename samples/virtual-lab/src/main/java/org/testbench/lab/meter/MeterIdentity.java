package org.testbench.lab.meter;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who a meter is: nameplate data that never changes while the lab runs.
 *
 * <p>Every value derives from the bench position, so a lab is reproducible and serials are unique
 * within it: position 1 is serial {@code 26000001}, position 2 is {@code 26000002}, and so on.
 */
public final class MeterIdentity {

    /** The FLAG manufacturer identifier of the lab's meters (upper case: 200 ms reaction time). */
    public static final String MANUFACTURER_FLAG = "TBL";
    /** Model name printed on the nameplate and used in the optical identification. */
    public static final String MODEL = "EM3";
    /** Largest position whose serial still fits the 8-digit scheme. */
    public static final int MAX_POSITION = 9999;

    private static final String SERIAL_PREFIX = "2600";
    /** Device type code in the logical device name: electricity meter, 3 phases, variant 00. */
    private static final String DEVICE_TYPE = "EM300";
    /** A bench usually mixes firmware versions; the lab rotates through these by position. */
    private static final String[] FIRMWARE_VERSIONS = {"1.4.2", "1.4.3", "1.5.0"};
    private static final int SYSTEM_TITLE_LENGTH = 8;

    private final int position;
    private final String serial;
    private final String logicalDeviceName;
    private final String firmware;
    private final byte[] systemTitle;

    private MeterIdentity(int position) {
        this.position = position;
        this.serial = SERIAL_PREFIX + String.format("%04d", position);
        this.logicalDeviceName = MANUFACTURER_FLAG + DEVICE_TYPE + serial;
        this.firmware = "TBL-" + MODEL + " " + FIRMWARE_VERSIONS[(position - 1) % FIRMWARE_VERSIONS.length];
        this.systemTitle = systemTitleOf(serial);
    }

    /** The identity of the meter mounted at a bench position (1-based). */
    public static MeterIdentity forPosition(int position) {
        if (position < 1 || position > MAX_POSITION) {
            throw new IllegalArgumentException("position must be 1.." + MAX_POSITION + ", was " + position);
        }
        return new MeterIdentity(position);
    }

    /**
     * System title = FLAG id as 3 ASCII bytes, then the serial number as a 40-bit big-endian
     * integer, so it is unique per meter and readable in a frame dump.
     */
    private static byte[] systemTitleOf(String serial) {
        byte[] title = new byte[SYSTEM_TITLE_LENGTH];
        byte[] flag = MANUFACTURER_FLAG.getBytes(StandardCharsets.US_ASCII);
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

    public String manufacturerFlag() {
        return MANUFACTURER_FLAG;
    }

    /** The 8-digit serial number (COSEM device ID 1, 0.0.96.1.0.255). */
    public String serial() {
        return serial;
    }

    /** The 16-character COSEM logical device name (0.0.42.0.0.255): flag, type, serial. */
    public String logicalDeviceName() {
        return logicalDeviceName;
    }

    /** The active firmware identifier (1.0.0.2.0.255). */
    public String firmware() {
        return firmware;
    }

    /** The model name, e.g. for the optical identification message. */
    public String model() {
        return MODEL;
    }

    /** A copy of the 8-byte DLMS system title. */
    public byte[] systemTitle() {
        return systemTitle.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeterIdentity && ((MeterIdentity) other).position == position;
    }

    @Override
    public int hashCode() {
        return Objects.hash(position);
    }

    @Override
    public String toString() {
        return "MeterIdentity[position=" + position + ", serial=" + serial + ", firmware=" + firmware + "]";
    }
}
