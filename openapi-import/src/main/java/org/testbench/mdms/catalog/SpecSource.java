package org.testbench.mdms.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The file a catalog was imported from, with the SHA-256 of its bytes: results can name exactly which
 * version of the vendor's document a test ran against, and a diff can tell the file changed since.
 */
public record SpecSource(Path file, String sha256, long sizeBytes) {

    public SpecSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    @Override
    public String toString() {
        return file + " (sha256 " + sha256.substring(0, 12) + "…, " + sizeBytes + " bytes)";
    }
}
