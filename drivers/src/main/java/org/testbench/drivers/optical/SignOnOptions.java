package org.testbench.drivers.optical;

import java.time.Duration;

/**
 * Timing and limits of an IEC 62056-21 sign-on. The defaults are the standard's: a meter answers
 * within 1500 ms (reaction time t<sub>r</sub>), with at most 1500 ms between two characters
 * (t<sub>a</sub>).
 *
 * @param maxBaud       highest rate we accept; the lower of this and the meter's proposal is used
 * @param responseTimeout how long to wait for the first character of the identification
 * @param interCharacterTimeout how long to wait between two characters of the identification
 * @param attempts      how many sign-on requests before giving up
 * @param connectTimeout for TCP optical heads
 * @param baudSwitchDelay extra wait after the change of baud rate (meters slow to switch their UART)
 * @param wakeUp        how long to send NUL characters at 300 baud before the request (sleeping battery
 *                      meters); zero: none
 */
public record SignOnOptions(int maxBaud, Duration responseTimeout, Duration interCharacterTimeout, int attempts,
                            Duration connectTimeout, Duration baudSwitchDelay, Duration wakeUp) {

    public SignOnOptions {
        Identification.baudCharacter(maxBaud); // validates
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        java.util.Objects.requireNonNull(baudSwitchDelay, "baudSwitchDelay");
        java.util.Objects.requireNonNull(wakeUp, "wakeUp");
    }

    public SignOnOptions(int maxBaud, Duration responseTimeout, Duration interCharacterTimeout, int attempts,
                         Duration connectTimeout) {
        this(maxBaud, responseTimeout, interCharacterTimeout, attempts, connectTimeout, Duration.ZERO, Duration.ZERO);
    }

    public static SignOnOptions defaults() {
        return new SignOnOptions(19200, Duration.ofMillis(1500), Duration.ofMillis(1500), 2, Duration.ofSeconds(5));
    }

    public SignOnOptions withResponseTimeout(Duration timeout) {
        return new SignOnOptions(maxBaud, timeout, interCharacterTimeout, attempts, connectTimeout, baudSwitchDelay,
                wakeUp);
    }

    public SignOnOptions withAttempts(int n) {
        return new SignOnOptions(maxBaud, responseTimeout, interCharacterTimeout, n, connectTimeout, baudSwitchDelay,
                wakeUp);
    }

    /** The highest rate and the timing quirks of a meter type. */
    public SignOnOptions withLine(int baud, Duration switchDelay, Duration wakeUpTime) {
        return new SignOnOptions(baud, responseTimeout, interCharacterTimeout, attempts, connectTimeout, switchDelay,
                wakeUpTime);
    }
}
