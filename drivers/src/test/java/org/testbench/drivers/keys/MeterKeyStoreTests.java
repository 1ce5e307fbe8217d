package org.testbench.drivers.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

class MeterKeyStoreTests {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final byte[] EK = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] AK = HexFormat.of().parseHex("d0d1d2d3d4d5d6d7d8d9dadbdcdddedf");

    @TempDir
    Path dir;

    private Path keystoreWith(String serial) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, PASSWORD);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(PASSWORD);
        ks.setEntry(serial + ".ek", new KeyStore.SecretKeyEntry(new SecretKeySpec(EK, "AES")), protection);
        ks.setEntry(serial + ".ak", new KeyStore.SecretKeyEntry(new SecretKeySpec(AK, "AES")), protection);
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    @Test
    void findsTheKeysOfAMeterBySerial() throws Exception {
        MeterKeyStore store = MeterKeyStore.open(keystoreWith("26000001"), PASSWORD);
        try (MeterKeys keys = store.keysFor("26000001")) {
            assertThat(keys.encryptionKey()).isEqualTo(EK);
            assertThat(keys.authenticationKey()).isEqualTo(AK);
        }
        assertThat(store.contains("26000001")).isTrue();
        assertThat(store.contains("26000002")).isFalse();
    }

    @Test
    void saysWhichMeterHasNoKeys() throws Exception {
        MeterKeyStore store = MeterKeyStore.open(keystoreWith("26000001"), PASSWORD);
        assertThatThrownBy(() -> store.keysFor("99999999"))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.KEYS))
                .hasMessageContaining("no keys for meter 99999999");
    }

    @Test
    void saysTheKeystorePasswordIsWrong() throws Exception {
        Path file = keystoreWith("26000001");
        assertThatThrownBy(() -> MeterKeyStore.open(file, "wrong".toCharArray()))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.KEYS))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("password");
    }

    @Test
    void saysTheKeystoreFileIsMissing() {
        Path missing = dir.resolve("nope.p12");
        assertThatThrownBy(() -> MeterKeyStore.open(missing, PASSWORD))
                .hasMessage(missing + ": keystore file does not exist");
    }

    @Test
    void saysAFileIsNotAKeystore() throws Exception {
        Path text = Files.writeString(dir.resolve("keys.txt"), "EK=000102...\n");
        assertThatThrownBy(() -> MeterKeyStore.open(text, PASSWORD))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.fault()).isEqualTo(Fault.KEYS))
                .hasMessageContaining("PKCS#12");
    }
}
