package org.testbench.sequences.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes files so that nothing half-written is ever left: each goes to a temporary file in its directory first
 * and is moved into place only when all are written; on a failure the temporary files are deleted and the files
 * already moved are removed again.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes every file of the map, in its order, or none. */
    public static void write(Map<Path, byte[]> files) throws IOException {
        Map<Path, Path> temporary = new LinkedHashMap<>();
        List<Path> placed = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                Path target = f.getKey().toAbsolutePath();
                Path dir = target.getParent();
                if (!Files.isDirectory(dir)) {
                    throw new ReportException(target + ": directory " + dir + " does not exist");
                }
                Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
                temporary.put(target, tmp);
                Files.write(tmp, f.getValue());
            }
            for (Map.Entry<Path, Path> t : temporary.entrySet()) {
                move(t.getValue(), t.getKey());
                placed.add(t.getKey());
            }
        } catch (IOException | RuntimeException e) {
            for (Path tmp : temporary.values()) {
                deleteQuietly(tmp, e);
            }
            for (Path p : placed) {
                deleteQuietly(p, e);
            }
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p, Exception cause) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
