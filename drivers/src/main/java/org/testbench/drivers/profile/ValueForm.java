package org.testbench.drivers.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an object's value holds what its role needs. Most objects hold it as it is; a meter that keeps its
 * serial only in the COSEM logical device name (0.0.42.0.0.255) holds the manufacturer's three-letter FLAG id
 * followed by the serial (up to 13 characters, IEC 62056-6-2), and the bench needs the serial alone — to check
 * the mounted meter and to find its keys.
 */
public enum ValueForm {
    /** The value as the meter sends it. */
    WHOLE("whole"),
    /** A logical device name: the FLAG id (3 characters), then the serial. */
    LOGICAL_DEVICE_NAME("logical-device-name");

    /** Characters of the FLAG manufacturer id at the start of a logical device name. */
    private static final int FLAG_LENGTH = 3;

    private final String external;

    ValueForm(String external) {
        this.external = external;
    }

    /** The name in a profile ({@code form: logical-device-name}). */
    public String external() {
        return external;
    }

    public static Optional<ValueForm> ofExternal(String text) {
        return Arrays.stream(values()).filter(f -> f.external.equalsIgnoreCase(text.strip())).findFirst();
    }

    public static List<String> externalNames() {
        return Arrays.stream(values()).map(ValueForm::external).toList();
    }

    /**
     * What the role needs of the value's text: the whole text, or the serial part of a logical device name
     * (blanks a meter pads the name with are not part of it).
     */
    public String part(String value) {
        if (this == WHOLE) {
            return value;
        }
        String text = value.strip();
        return text.length() <= FLAG_LENGTH ? "" : text.substring(FLAG_LENGTH).strip();
    }
}
