package org.testbench.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.keys.MeterKeyStore;
import picocli.CommandLine.Option;

/** The meters' keystore, for every client that authenticates; its password never on the command line. */
final class KeystoreOption {

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "PKCS#12 keystore with the meters' secrets: <serial>.ek and <serial>.ak (HLS-GMAC, "
                    + "ciphering), <serial>.lls (LLS password). Its password is read from TESTBENCH_KEYSTORE_PASSWORD, "
                    + "or asked for on the terminal.")
    Path keystore;

    /** Where the keystore password comes from; tests replace it. */
    java.util.function.Supplier<char[]> password = KeystorePassword::resolve;

    /** The keystore when one was given. */
    Optional<MeterKeyStore> open() throws DeviceException {
        if (keystore == null) {
            return Optional.empty();
        }
        char[] secret = password.get();
        try {
            return Optional.of(MeterKeyStore.open(keystore, secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
