package org.testbench.app.cli;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret of the virtual lab (the keystore password, the MDMS token): the user's, from its
 * environment variable, or a fresh random one when the variable is unset — then printed once.
 */
record LabSecret(String variable, char[] value, boolean generated) {

    static final String KEYSTORE_PASSWORD = "TESTBENCH_KEYSTORE_PASSWORD";
    static final String MDMS_TOKEN = "TESTBENCH_MDMS_TOKEN";

    static LabSecret fromEnvironmentOrGenerate(String variable) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new LabSecret(variable, fromEnv.toCharArray(), false);
        }
        return new LabSecret(variable, generate().toCharArray(), true);
    }

    /** 144 random bits, URL-safe: for a secret that never leaves this process. */
    static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    void clear() {
        java.util.Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "LabSecret[" + variable + ", <redacted>]";
    }
}
