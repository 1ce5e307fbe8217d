package org.testbench.app.cli;

import java.security.SecureRandom;
import java.util.Base64;
import org.testbench.drivers.keys.MeterKeyStore;

/** The virtual lab's keystore password: the user's, or a fresh random one when none is set. */
record LabPassword(char[] value, boolean generated) {

    static LabPassword fromEnvironmentOrGenerate() {
        String fromEnv = System.getenv(MeterKeyStore.PASSWORD_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new LabPassword(fromEnv.toCharArray(), false);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return new LabPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray(), true);
    }
}
