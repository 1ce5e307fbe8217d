package org.testbench.sequences.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes sure the directory of an embedded database file exists and can be written, so that a wrong path
 * is reported as such before H2 reports a generic file error half-way through opening.
 */
final class StoreDirectory {

    private StoreDirectory() {
    }

    /**
     * @param databaseFile the H2 base path (without ".mv.db")
     * @param ownerOnly create missing directories readable by their owner only: the default database holds
     *                  results, and the lock file beside it the key to H2's automatic server
     */
    static void prepare(Path databaseFile, boolean ownerOnly) throws ResultStoreException {
        Path directory = databaseFile.getParent();
        if (directory == null) {
            throw notWritable("'" + databaseFile + "' names no directory", null);
        }
        try {
            if (!Files.isDirectory(directory)) {
                createDirectories(directory, ownerOnly);
            }
        } catch (FileAlreadyExistsException e) {
            throw notWritable("cannot create the directory " + directory + " for the results database: "
                    + e.getFile() + " exists and is not a directory", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw notWritable("cannot create the directory " + directory + " for the results database: "
                    + describe(e), e);
        }
        // Files.isWritable says yes to root on a read-only mount and on /proc: only writing tells.
        try {
            Path probe = Files.createTempFile(directory, ".testbench-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable("the directory " + directory + " of the results database is not writable: "
                    + describe(e), e);
        }
        Path data = Path.of(databaseFile + ".mv.db");
        if (Files.exists(data) && !Files.isWritable(data)) {
            throw notWritable("the results database " + data + " is read-only", null);
        }
    }

    private static void createDirectories(Path directory, boolean ownerOnly) throws IOException {
        if (ownerOnly && directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** The operating system's reason in words, without the name of the probe file. */
    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no file can be created there";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason(); // "Read-only file system", "No space left on device"
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ResultStoreException notWritable(String message, Throwable cause) {
        return new ResultStoreException(ResultStoreException.Reason.NOT_WRITABLE, message, cause);
    }
}
