package org.testbench.drivers.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Objects;
import org.testbench.drivers.DeviceException;
import org.testbench.drivers.DeviceException.Fault;

/**
 * Meter keys in a password-protected PKCS#12 keystore. Each meter has two AES secret-key entries,
 * {@code <serial>.ek} (global unicast encryption key) and {@code <serial>.ak} (authentication key),
 * and, for meters read with low level security, {@code <serial>.lls} (the LLS password), for meters read with
 * HLS-MD5, -SHA1 or -SHA256, {@code <serial>.hls} (the HLS secret), protected with the keystore password. The virtual lab writes such a keystore; a lab can build one
 * for real meters with {@code keytool -importpass} or any PKCS#12 tool.
 */
public final class MeterKeyStore implements MeterKeySource {

    /** Environment variable that holds the keystore password. */
    public static final String PASSWORD_VARIABLE = "TESTBENCH_KEYSTORE_PASSWORD";

    private final Path file;
    private final KeyStore store;
    private final char[] password;

    private MeterKeyStore(Path file, KeyStore store, char[] password) {
        this.file = file;
        this.store = store;
        this.password = password;
    }

    /**
     * Opens the keystore. The password array is copied; the caller may clear its own.
     *
     * @throws DeviceException with fault {@code KEYS} for a missing file, a wrong password or a file
     *                         that is not PKCS#12
     */
    public static MeterKeyStore open(Path file, char[] password) throws DeviceException {
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return new MeterKeyStore(file, store, password.clone());
        } catch (NoSuchFileException e) {
            throw new DeviceException(Fault.KEYS, file.toString(), "keystore file does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new DeviceException(Fault.KEYS, file.toString(), "wrong keystore password", e);
            }
            throw new DeviceException(Fault.KEYS, file.toString(),
                    "not a readable PKCS#12 keystore (or wrong password): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new DeviceException(Fault.KEYS, file.toString(), "cannot read keystore: " + e.getMessage(), e);
        }
    }

    /**
     * The keys of one meter.
     *
     * @throws DeviceException with fault {@code KEYS} when the keystore has no keys for that serial
     */
    @Override
    public MeterKeys keysFor(String serial) throws DeviceException {
        byte[] ek = secret(serial, "ek");
        byte[] ak = secret(serial, "ak");
        try {
            return new MeterKeys(serial, ek, ak);
        } finally {
            Arrays.fill(ek, (byte) 0);
            Arrays.fill(ak, (byte) 0);
        }
    }

    /**
     * The key the meter signs its event notifications with (entry {@code <serial>.evk}, HMAC-SHA256).
     *
     * @throws DeviceException with fault {@code KEYS} when the keystore has none for that serial
     */
    public EventSigningKey eventSigningKeyFor(String serial) throws DeviceException {
        byte[] key = secret(serial, "evk");
        try {
            return new EventSigningKey(serial, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The LLS password of a meter: entry {@code <serial>.lls}, a secret key whose bytes are the password
     * ({@code keytool -importpass -alias <serial>.lls} stores one).
     *
     * @throws DeviceException with fault {@code KEYS} when the keystore has none for that serial
     */
    @Override
    public MeterPassword passwordFor(String serial) throws DeviceException {
        byte[] secret = secret(serial, "lls");
        char[] chars = new char[secret.length];
        try {
            for (int i = 0; i < secret.length; i++) {
                chars[i] = (char) (secret[i] & 0xFF);
            }
            return new MeterPassword("keystore entry '" + alias(serial, "lls") + "'", chars);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * The HLS secret of a meter: entry {@code <serial>.hls}, a secret key whose bytes are the secret — stored as
     * raw bytes by a PKCS#12 tool, or as text with {@code keytool -importpass} ({@code hex:…} for a binary secret).
     *
     * @throws DeviceException with fault {@code KEYS} when the keystore has none for that serial, or its text
     *                         starts with {@code hex:} and is not hex
     */
    @Override
    public MeterPassword hlsSecretFor(String serial) throws DeviceException {
        byte[] secret = secret(serial, "hls");
        try {
            return MeterPassword.hlsSecret("keystore entry '" + alias(serial, "hls") + "'", secret);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(Fault.KEYS, file.toString(), e.getMessage());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    public boolean contains(String serial) {
        try {
            return store.containsAlias(alias(serial, "ek")) && store.containsAlias(alias(serial, "ak"));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] secret(String serial, String kind) throws DeviceException {
        String alias = alias(serial, kind);
        try {
            Key key = store.getKey(alias, password);
            if (key == null) {
                throw new DeviceException(Fault.KEYS, file.toString(), "no keys for meter " + serial
                        + " (entry '" + alias + "' is missing)");
            }
            byte[] encoded = key.getEncoded();
            if (encoded == null) {
                throw new DeviceException(Fault.KEYS, file.toString(), "entry '" + alias + "' is not a secret key");
            }
            return encoded;
        } catch (UnrecoverableKeyException e) {
            throw new DeviceException(Fault.KEYS, file.toString(), "entry '" + alias
                    + "' is protected with another password", e);
        } catch (GeneralSecurityException e) {
            throw new DeviceException(Fault.KEYS, file.toString(), "cannot read entry '" + alias + "': " + e.getMessage(), e);
        }
    }

    /** PKCS#12 aliases are case-insensitive; the JDK stores them in lower case. */
    static String alias(String serial, String kind) {
        return serial.toLowerCase(java.util.Locale.ROOT) + "." + kind;
    }

    @Override
    public String describe() {
        return "keystore " + file;
    }

    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "MeterKeyStore[" + file + "]";
    }
}
