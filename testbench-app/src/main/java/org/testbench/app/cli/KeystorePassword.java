package org.testbench.app.cli;

import java.io.Console;
import org.testbench.drivers.keys.MeterKeyStore;

/**
 * The keystore password comes from {@code TESTBENCH_KEYSTORE_PASSWORD} or a prompt on the terminal,
 * never from the command line, where it would end up in the shell history and the process list.
 */
final class KeystorePassword {

    private KeystorePassword() {
    }

    static char[] resolve() {
        String fromEnv = System.getenv(MeterKeyStore.PASSWORD_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserException("no keystore password: set " + MeterKeyStore.PASSWORD_VARIABLE
                    + " (no terminal to ask on)");
        }
        char[] typed = console.readPassword("Keystore password: ");
        if (typed == null || typed.length == 0) {
            throw new UserException("no keystore password given");
        }
        return typed;
    }
}
