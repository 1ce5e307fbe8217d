package org.testbench.lab.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.testbench.lab.LabConfig;
import org.testbench.lab.VirtualLab;
import org.testbench.lab.meter.VirtualMeter;

/** Starting labs and reading meter keys the way a client of the lab does. */
public final class TestLabs {

    public static final char[] PASSWORD = "lab-keystore-secret".toCharArray();

    private TestLabs() {
    }

    /** A config with the test password and no pty, neither the meters' nor the bench's (the fastest lab). */
    public static LabConfig.Builder config(int meters) {
        return LabConfig.builder().meters(meters).keystorePassword(PASSWORD).opticalPty(false).benchPty(false);
    }

    public static VirtualLab start(LabConfig.Builder config) throws IOException {
        return VirtualLab.start(config.build());
    }

    /** The keys of a meter, read from the lab's keystore by the documented alias convention. */
    public static MeterSecrets keysOf(VirtualLab lab, VirtualMeter meter) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(lab.keystore())) {
            store.load(in, PASSWORD);
        }
        byte[] ek = store.getKey(meter.serial() + ".ek", PASSWORD).getEncoded();
        byte[] ak = store.getKey(meter.serial() + ".ak", PASSWORD).getEncoded();
        return new MeterSecrets(ek, ak);
    }

    /** EK and AK of one meter. */
    public record MeterSecrets(byte[] encryptionKey, byte[] authenticationKey) {
    }

    public static int portOf(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Deletes a lab's work directory that a test gave it (keystore, profiles, pty links), deepest first. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public static Path tempDir() throws IOException {
        return Files.createTempDirectory("vlab-test-");
    }
}
