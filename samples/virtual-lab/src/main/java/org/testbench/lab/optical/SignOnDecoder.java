package org.testbench.lab.optical;

import java.util.Optional;

/**
 * Assembles sign-on messages from 7E1 bytes. A message ends with LF; '/' and ACK always start a
 * new one, so garbage before a request does not hide it. A message with a parity error anywhere
 * is dropped whole, as a UART with parity checking would report it.
 */
final class SignOnDecoder {

    static final char ACK = 0x06;
    private static final int MAX_MESSAGE = 64;

    private final StringBuilder message = new StringBuilder();
    private boolean parityError;

    /**
     * Adds one received byte.
     *
     * @return a complete, parity-clean message, if this byte ended one
     */
    Optional<SignOnMessage> accept(byte received) {
        char character = EvenParity.strip(received);
        boolean valid = EvenParity.isValid(received);
        if (character == '/' || character == ACK) {
            reset();
        }
        if (!valid) {
            parityError = true;
        }
        message.append(character);
        if (character == '\n') {
            Optional<SignOnMessage> result = parityError ? Optional.empty() : Optional.of(parse(message.toString()));
            reset();
            return result;
        }
        if (message.length() > MAX_MESSAGE) {
            reset();
        }
        return Optional.empty();
    }

    void reset() {
        message.setLength(0);
        parityError = false;
    }

    static SignOnMessage parse(String text) {
        if (text.startsWith("/?") && text.endsWith("!\r\n")) {
            return new SignOnMessage.Request(text.substring(2, text.length() - 3));
        }
        if (text.length() == 6 && text.charAt(0) == ACK && text.endsWith("\r\n")) {
            return new SignOnMessage.OptionSelect(text.charAt(1), text.charAt(2), text.charAt(3));
        }
        return new SignOnMessage.Other(text);
    }
}
