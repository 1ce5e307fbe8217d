package org.testbench.app.cli;

/** Bad input the user can fix (a missing password, an unusable option value): exit code 2, one line. */
final class UserException extends RuntimeException {

    UserException(String message) {
        super(message);
    }
}
