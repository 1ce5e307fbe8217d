package org.testbench.lab.optical;

import java.time.Duration;
import java.util.Objects;

/**
 * How a meter presents itself on its optical port.
 *
 * @param manufacturerFlag the 3-letter FLAG id; a lower-case third letter means a 20 ms reaction time
 * @param identification up to 16 printable characters after the mode E marker
 * @param deviceAddress the address a client may put in {@code /?address!} (the serial number)
 * @param echo true to echo every received byte, like a half-duplex optical head
 * @param directHdlc true: HDLC from the first byte at {@code baud}, no IEC 62056-21 sign-on
 * @param baud mode E: the highest baud proposed in the identification; direct HDLC: the fixed baud
 * @param paced true: the port takes the line time of every byte at the current baud ({@link
 *        org.testbench.lab.port.PacedLink}); false: bytes go as fast as TCP or the pty carries them
 */
public record OpticalProfile(String manufacturerFlag, String identification, String deviceAddress, boolean echo,
        boolean directHdlc, int baud, boolean paced) {

    /** Baud rate of the sign-on (IEC 62056-21 opening at 300 Bd, 7E1). */
    public static final int SIGN_ON_BAUD = 300;
    /** The baud the lab's mode E meters propose: 9600. */
    public static final int DEFAULT_BAUD = 9600;
    /** No byte for this long in HDLC mode and the port returns to sign-on, as its HDLC setup says. */
    public static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(120);

    private static final int MAX_IDENTIFICATION = 16;

    /** A mode E port proposing 9600 Bd, unpaced. */
    public OpticalProfile(String manufacturerFlag, String identification, String deviceAddress, boolean echo) {
        this(manufacturerFlag, identification, deviceAddress, echo, false, DEFAULT_BAUD, false);
    }

    public OpticalProfile {
        Objects.requireNonNull(manufacturerFlag, "manufacturerFlag");
        baudCharacter(baud); // checks it is one of the standard's rates
        Objects.requireNonNull(identification, "identification");
        Objects.requireNonNull(deviceAddress, "deviceAddress");
        if (!manufacturerFlag.matches("[A-Z]{2}[A-Za-z]")) {
            throw new IllegalArgumentException("manufacturer flag must be 3 letters, was '" + manufacturerFlag + "'");
        }
        if (identification.isEmpty() || identification.length() > MAX_IDENTIFICATION
                || !identification.matches("[\\x21-\\x7E&&[^/!]]+")) {
            throw new IllegalArgumentException("identification must be 1.." + MAX_IDENTIFICATION
                    + " printable characters without '/' and '!', was '" + identification + "'");
        }
    }

    /** The reaction time t_r: at least 200 ms, or 20 ms for a lower-case third FLAG letter. */
    public Duration reactionTime() {
        return Character.isLowerCase(manufacturerFlag.charAt(2)) ? Duration.ofMillis(20) : Duration.ofMillis(200);
    }

    /** {@code /XXXZ\2identification CR LF}: FLAG, baud character, mode E marker, identification. */
    public String identificationMessage() {
        return "/" + manufacturerFlag + proposedBaudCharacter() + "\\2" + identification + "\r\n";
    }

    /** The baud character Z of the identification: '0'..'6' for 300..19200 Bd. */
    public char proposedBaudCharacter() {
        return baudCharacter(baud);
    }

    /** 300 x 2^Z: the baud a character '0'..'6' stands for. */
    public static int baudOf(char baudCharacter) {
        if (baudCharacter < '0' || baudCharacter > '6') {
            throw new IllegalArgumentException("baud character must be '0'..'6', was '" + baudCharacter + "'");
        }
        return SIGN_ON_BAUD << (baudCharacter - '0');
    }

    private static char baudCharacter(int baud) {
        for (char c = '0'; c <= '6'; c++) {
            if (baudOf(c) == baud) {
                return c;
            }
        }
        throw new IllegalArgumentException("baud must be 300, 600, ... 19200, was " + baud);
    }

    /** True if a sign-on request with this address is meant for this meter. */
    public boolean isAddressedBy(String requestedAddress) {
        if (requestedAddress.isEmpty()) {
            return true;
        }
        return withoutLeadingZeros(requestedAddress).equals(withoutLeadingZeros(deviceAddress));
    }

    private static String withoutLeadingZeros(String address) {
        String trimmed = address.replaceFirst("^0+", "");
        return trimmed.isEmpty() ? "0" : trimmed;
    }

    /** True if the client accepted a baud rate this meter can do (the proposed one or lower). */
    public boolean isSupportedBaud(char baudCharacter) {
        return baudCharacter >= '0' && baudCharacter <= proposedBaudCharacter();
    }
}
