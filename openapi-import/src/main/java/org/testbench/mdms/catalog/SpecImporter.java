package org.testbench.mdms.catalog;

import java.nio.file.Path;
import org.testbench.mdms.catalog.internal.SpecReader;

/**
 * Imports an OpenAPI 3.0, 3.1 or Swagger 2.0 file (YAML or JSON) into an {@link ApiCatalog}.
 * Immutable and thread-safe; the {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * ApiCatalog catalog = SpecImporter.defaults().importFile(Path.of("mdms-v1.yaml"));
 * }</pre>
 */
public final class SpecImporter {

    /** Vendors' documents run to a few MB; 64 MiB leaves room without inviting a memory blow-up. */
    public static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;

    private final long maxFileSize;
    private final boolean allowRemoteReferences;

    private SpecImporter(long maxFileSize, boolean allowRemoteReferences) {
        this.maxFileSize = maxFileSize;
        this.allowRemoteReferences = allowRemoteReferences;
    }

    public static SpecImporter defaults() {
        return new SpecImporter(DEFAULT_MAX_FILE_SIZE, false);
    }

    /** Files larger than this are refused with {@link SpecImportException.Problem#TOO_LARGE}. */
    public SpecImporter withMaxFileSize(long bytes) {
        return new SpecImporter(bytes, allowRemoteReferences);
    }

    /**
     * Lets the parser fetch {@code $ref}s that are URLs. Off by default: a lab import should not
     * depend on, or talk to, hosts named in a vendor's file.
     */
    public SpecImporter allowingRemoteReferences() {
        return new SpecImporter(maxFileSize, true);
    }

    public ApiCatalog importFile(Path file) throws SpecImportException {
        return new SpecReader(maxFileSize, allowRemoteReferences).read(file).catalog();
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    public boolean allowsRemoteReferences() {
        return allowRemoteReferences;
    }
}
