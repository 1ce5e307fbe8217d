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
 */
public record OpticalProfile(String manufacturerFlag, String identification, String deviceAddress, boolean echo) {

    /** Baud rate character proposed in the identification: '5' = 9600 Bd. */
    public static final char PROPOSED_BAUD = '5';
    /** No byte for this long in HDLC mode and the port returns to sign-on, as its HDLC setup says. */
    public static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(120);

    private static final int MAX_IDENTIFICATION = 16;

    public OpticalProfile {
        Objects.requireNonNull(manufacturerFlag, "manufacturerFlag");
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
        return "/" + manufacturerFlag + PROPOSED_BAUD + "\\2" + identification + "\r\n";
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
    public static boolean isSupportedBaud(char baudCharacter) {
        return baudCharacter >= '0' && baudCharacter <= PROPOSED_BAUD;
    }
}
