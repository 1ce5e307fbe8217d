package org.testbench.app.cli;

import java.io.Console;
import java.util.Arrays;

/**
 * The QA signing password comes from {@code TESTBENCH_SIGNING_PASSWORD} or a prompt on the terminal, never from
 * the command line, where it would end up in the shell history and the process list.
 */
final class SigningPassword {

    static final String VARIABLE = "TESTBENCH_SIGNING_PASSWORD";

    private SigningPassword() {
    }

    static char[] resolve(String prompt) {
        String fromEnv = System.getenv(VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserException("no signing password: set " + VARIABLE + " (no terminal to ask on)");
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw new UserException("no signing password given");
        }
        return typed;
    }

    /** A new password: asked twice on a terminal. */
    static char[] resolveNew() {
        char[] first = resolve("New signing password: ");
        if (System.getenv(VARIABLE) == null || System.getenv(VARIABLE).isEmpty()) {
            char[] again = resolve("Repeat the signing password: ");
            if (!Arrays.equals(first, again)) {
                throw new UserException("the two passwords differ");
            }
        }
        return first;
    }
}
