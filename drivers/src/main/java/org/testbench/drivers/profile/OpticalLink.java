package org.testbench.drivers.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * How a meter type's optical port is entered: an IEC 62056-21 mode E sign-on (300 baud, identification,
 * acknowledgement; {@code baud} is the highest rate the bench accepts from the meter's proposal) or HDLC
 * straight away at the fixed {@code baud}; plus the timing quirks real optical heads and meters need.
 *
 * @param baudSwitchDelay extra wait after the change of baud rate, for meters slow to switch their UART
 * @param wakeUp          how long to send NUL characters at 300 baud before the sign-on, for battery meters
 *                        that sleep (zero: none)
 */
public record OpticalLink(Mode mode, int baud, Duration baudSwitchDelay, Duration wakeUp) {

    public enum Mode { E, HDLC }

    /** The rates IEC 62056-21 defines. */
    public static final java.util.List<Integer> RATES = java.util.List.of(300, 600, 1200, 2400, 4800, 9600, 19200);

    /** Mode E up to 19200 baud, no extra delays: what the bench did before profiles. */
    public static final OpticalLink MODE_E_DEFAULT = new OpticalLink(Mode.E, 19200, Duration.ZERO, Duration.ZERO);

    public OpticalLink {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(baudSwitchDelay, "baudSwitchDelay");
        Objects.requireNonNull(wakeUp, "wakeUp");
        if (!RATES.contains(baud)) {
            throw new IllegalArgumentException("optical baud must be one of " + RATES + ", not " + baud);
        }
        if (baudSwitchDelay.isNegative() || wakeUp.isNegative()) {
            throw new IllegalArgumentException("optical delays cannot be negative");
        }
    }
}
