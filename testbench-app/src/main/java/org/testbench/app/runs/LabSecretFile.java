package org.testbench.app.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lab MDMS's secret handed to other terminals of the same user: a file only its owner can read (0600), in
 * the lab's directory, named by the endpoints file ({@code mdms.auth.secretFile}) — never the secret itself. A
 * {@code testbench run --lab} of the same user reads it; a file that others can read, or that another user
 * owns, is refused, as ssh refuses such keys.
 */
public final class LabSecretFile {

    /** Its name in the lab's directory. */
    public static final String FILE_NAME = "mdms-secret";

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private LabSecretFile() {
    }

    /** Writes the secret into {@code dir}, created 0600 from the start (never readable by others, not even briefly). */
    public static Path write(Path dir, char[] secret) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while the lab was writing it: refusing to use it", e);
        }
        Files.write(file, new String(secret).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * The secret in the file.
     *
     * @throws IOException when it cannot be read, is empty, or is readable by others than its owner or owned by
     *                     another user; the message names the file, never its content
     */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + ": the lab's MDMS secret file is missing (is the lab still running?)");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException(file + ": the lab's MDMS secret file is readable by others ("
                    + PosixFilePermissions.toString(permissions) + "); refusing it, it should be rw-------");
        }
        String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException(file + ": the lab's MDMS secret file belongs to " + owner + ", not to "
                    + System.getProperty("user.name"));
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + ": the lab's MDMS secret file is empty");
        }
        return secret;
    }
}
