package org.testbench.lab.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the keys of a lab's meters into a password-protected PKCS#12 keystore.
 *
 * <p>The alias convention is the contract with every client of the lab: for a meter with serial
 * {@code S}, {@code S.ek} holds the global unicast encryption key and {@code S.ak} the
 * authentication key, both as AES secret-key entries protected by the keystore password;
 * {@code S.evk} holds the key the meter signs its event notifications with (HmacSHA256); {@code S.lls},
 * for a meter whose reader authenticates with a password, holds that LLS password the way
 * {@code keytool -importpass} stores one (a PBE secret key whose encoded form is the password's ASCII bytes),
 * so that a lab adds the password of a real meter with keytool; {@code S.hls}, for a meter with HLS-MD5, -SHA1 or
 * -SHA256 readers, holds its binary HLS secret as a secret-key entry whose encoded form is the secret's bytes.
 */
public final class MeterKeystore {

    /** JDK keystore type; PKCS#12 is the only standard format that holds secret keys portably. */
    public static final String TYPE = "PKCS12";

    private MeterKeystore() {
    }

    /** Alias of the global unicast encryption key (EK) of the meter with this serial. */
    public static String encryptionKeyAlias(String serial) {
        return Objects.requireNonNull(serial, "serial") + ".ek";
    }

    /** Alias of the authentication key (AK) of the meter with this serial. */
    public static String authenticationKeyAlias(String serial) {
        return Objects.requireNonNull(serial, "serial") + ".ak";
    }

    /** Alias of the event-signing key (HMAC-SHA256) of the meter with this serial. */
    public static String eventSigningKeyAlias(String serial) {
        return Objects.requireNonNull(serial, "serial") + ".evk";
    }

    /** Alias of the LLS password of the meter with this serial. */
    public static String llsPasswordAlias(String serial) {
        return Objects.requireNonNull(serial, "serial") + ".lls";
    }

    /** Alias of the HLS secret (mechanisms 3, 4, 6) of the meter with this serial. */
    public static String hlsSecretAlias(String serial) {
        return Objects.requireNonNull(serial, "serial") + ".hls";
    }

    /** Like {@link #write(Path, char[], Map)}, with each meter's event-signing key as well. */
    public static void write(Path file, char[] password, Map<String, MeterKeys> keysBySerial,
            Map<String, EventSigningKey> eventKeysBySerial) throws IOException {
        write(file, password, keysBySerial, eventKeysBySerial, Map.of());
    }

    /** Like {@link #write(Path, char[], Map, Map)}, with the LLS passwords of the meters that have one. */
    public static void write(Path file, char[] password, Map<String, MeterKeys> keysBySerial,
            Map<String, EventSigningKey> eventKeysBySerial, Map<String, LlsPassword> llsPasswordsBySerial)
            throws IOException {
        write(file, password, keysBySerial, eventKeysBySerial, llsPasswordsBySerial, Map.of());
    }

    /** Like {@link #write(Path, char[], Map, Map, Map)}, with the HLS secrets of the meters that have one. */
    public static void write(Path file, char[] password, Map<String, MeterKeys> keysBySerial,
            Map<String, EventSigningKey> eventKeysBySerial, Map<String, LlsPassword> llsPasswordsBySerial,
            Map<String, HlsSecret> hlsSecretsBySerial) throws IOException {
        write(file, password, keysBySerial, (store, protection) -> {
            for (Map.Entry<String, HlsSecret> meter : hlsSecretsBySerial.entrySet()) {
                byte[] secret = meter.getValue().bytes();
                try {
                    // Any secret-key type keeps the bytes as they are; AES fits a 16-byte secret.
                    store.setEntry(hlsSecretAlias(meter.getKey()), aesEntry(secret), protection);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            for (Map.Entry<String, EventSigningKey> meter : eventKeysBySerial.entrySet()) {
                store.setEntry(eventSigningKeyAlias(meter.getKey()), new KeyStore.SecretKeyEntry(
                        new SecretKeySpec(meter.getValue().bytes(), EventSigningKey.ALGORITHM)), protection);
            }
            for (Map.Entry<String, LlsPassword> meter : llsPasswordsBySerial.entrySet()) {
                store.setEntry(llsPasswordAlias(meter.getKey()), passwordEntry(meter.getValue()), protection);
            }
        });
    }

    private static KeyStore.SecretKeyEntry passwordEntry(LlsPassword password) throws GeneralSecurityException {
        char[] characters = password.chars();
        PBEKeySpec spec = new PBEKeySpec(characters);
        try {
            return new KeyStore.SecretKeyEntry(SecretKeyFactory.getInstance("PBE").generateSecret(spec));
        } finally {
            spec.clearPassword();
            Arrays.fill(characters, '\0');
        }
    }

    /** Adds entries to a store being built. */
    private interface Extra {
        void add(KeyStore store, KeyStore.ProtectionParameter protection) throws GeneralSecurityException;
    }

    /**
     * Writes a new keystore with the keys of every meter, replacing any file at {@code file}.
     * The file is written beside its final name and moved into place, so a reader never sees a
     * half-written keystore, and it is readable by its owner only where the file system allows.
     *
     * @param keysBySerial the keys of each meter, by serial
     */
    public static void write(Path file, char[] password, Map<String, MeterKeys> keysBySerial)
            throws IOException {
        write(file, password, keysBySerial, (store, protection) -> { });
    }

    private static void write(Path file, char[] password, Map<String, MeterKeys> keysBySerial, Extra extra)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        KeyStore store = newStore(password, keysBySerial, extra);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = createOwnerOnlyFile(directory);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encode keystore " + file + ": " + e.getMessage(), e);
            }
            moveIntoPlace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static KeyStore newStore(char[] password, Map<String, MeterKeys> keysBySerial, Extra extra)
            throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, password);
            KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
            for (Map.Entry<String, MeterKeys> meter : keysBySerial.entrySet()) {
                String serial = meter.getKey();
                MeterKeys keys = meter.getValue();
                store.setEntry(encryptionKeyAlias(serial), aesEntry(keys.encryptionKey()), protection);
                store.setEntry(authenticationKeyAlias(serial), aesEntry(keys.authenticationKey()), protection);
            }
            extra.add(store, protection);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create a " + TYPE + " keystore: " + e.getMessage(), e);
        }
    }

    private static KeyStore.SecretKeyEntry aesEntry(byte[] key) {
        return new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES"));
    }

    private static Path createOwnerOnlyFile(Path directory) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(directory, ".meter-keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(directory, ".meter-keys", ".tmp");
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
