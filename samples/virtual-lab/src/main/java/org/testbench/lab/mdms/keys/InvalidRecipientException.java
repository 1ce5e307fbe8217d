package org.testbench.lab.mdms.keys;

/** The recipient certificate cannot receive keys; the message says why. */
final class InvalidRecipientException extends Exception {

    InvalidRecipientException(String message) {
        super(message);
    }
}
