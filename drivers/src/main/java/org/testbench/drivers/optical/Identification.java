package org.testbench.drivers.optical;

import java.time.Duration;
import java.util.Objects;

/**
 * The identification message of IEC 62056-21 ({@code /XXXZ\2Ident}): manufacturer flag, the baud
 * rate the meter proposes, whether it announced mode E (HDLC), and its identification text.
 */
public record Identification(String manufacturerFlag, char baudCharacter, boolean modeE, String text) {

    private static final int[] MODE_C_BAUD = {300, 600, 1200, 2400, 4800, 9600, 19200};

    public Identification {
        Objects.requireNonNull(manufacturerFlag, "manufacturerFlag");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses the message without its leading '/' check already done by the caller.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static Identification parse(String line) {
        if (line.length() < 5 || line.charAt(0) != '/') {
            throw new IllegalArgumentException("expected an identification message '/XXXZ...', got '" + printable(line) + "'");
        }
        String flag = line.substring(1, 4);
        if (!flag.chars().allMatch(Character::isLetter)) {
            throw new IllegalArgumentException("manufacturer flag '" + printable(flag) + "' is not three letters");
        }
        char z = line.charAt(4);
        String rest = line.substring(5);
        boolean modeE = rest.startsWith("\\2");
        if (rest.startsWith("\\") && rest.length() >= 2) {
            rest = rest.substring(2); // enhanced capability marker \W
        }
        return new Identification(flag, z, modeE, rest);
    }

    /** The proposed baud rate for modes C and E ('0'..'6'); 300 for anything else. */
    public int proposedBaud() {
        int i = baudCharacter - '0';
        return i >= 0 && i < MODE_C_BAUD.length ? MODE_C_BAUD[i] : 300;
    }

    /** The meter's minimum reaction time: 20 ms if the flag's third letter is lower case, else 200 ms. */
    public Duration minimumReactionTime() {
        return Character.isLowerCase(manufacturerFlag.charAt(2)) ? Duration.ofMillis(20) : Duration.ofMillis(200);
    }

    /** The baud character for a rate of mode C/E. */
    static char baudCharacter(int baud) {
        for (int i = 0; i < MODE_C_BAUD.length; i++) {
            if (MODE_C_BAUD[i] == baud) {
                return (char) ('0' + i);
            }
        }
        throw new IllegalArgumentException(baud + " baud is not a rate of IEC 62056-21 mode E (300..19200)");
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                b.append(c);
            } else {
                b.append(String.format("<%02X>", (int) c));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "/" + manufacturerFlag + baudCharacter + (modeE ? "\\2" : "") + text;
    }
}
