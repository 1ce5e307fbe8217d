package org.testbench.app.cli;

import java.io.Console;
import org.testbench.drivers.keys.MeterKeyStore;

/**
 * Passwords come from their environment variable or a prompt on the terminal, never from the command
 * line, where they would end up in the shell history and the process list: the meter keystore's from
 * {@code TESTBENCH_KEYSTORE_PASSWORD}, the bench identity's (TLS client and key recipient) from
 * {@code TESTBENCH_TLS_PASSWORD}.
 */
final class KeystorePassword {

    static final String TLS_PASSWORD_VARIABLE = "TESTBENCH_TLS_PASSWORD";

    private KeystorePassword() {
    }

    static char[] resolve() {
        return resolve(MeterKeyStore.PASSWORD_VARIABLE, "Keystore password: ", "keystore password");
    }

    /** The password of the bench identity (PKCS#12). */
    static char[] tls() {
        return resolve(TLS_PASSWORD_VARIABLE, "Bench identity password: ", "password for the bench identity");
    }

    private static char[] resolve(String variable, String prompt, String what) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserException("no " + what + ": set " + variable + " (no terminal to ask on)");
        }
        char[] typed = console.readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new UserException("no " + what + " given");
        }
        return typed;
    }
}
