package org.testbench.mdms.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * A specification file that cannot be imported. The message says what and where:
 * {@code mdms.yaml:42:7: duplicate key 'get'}; {@link #parserMessages()} keeps what the parser said.
 */
public final class SpecImportException extends IOException {

    /** What went wrong, coarse enough to store and to act on. */
    public enum Problem {
        /** The file is missing, a directory, or cannot be read. */
        UNREADABLE,
        /** Larger than the importer accepts. */
        TOO_LARGE,
        /** Not UTF-8 text. */
        ENCODING,
        /** Not well-formed YAML or JSON (a truncated file usually ends up here). */
        SYNTAX,
        /** Well-formed, but not an OpenAPI or Swagger document. */
        NOT_OPENAPI,
        /** An OpenAPI or Swagger version the importer does not read. */
        UNSUPPORTED_VERSION,
        /** A {@code $ref} that points nowhere, or to a place the importer will not fetch. */
        UNRESOLVED_REFERENCE,
        /** The parser could not build a model from the document. */
        INVALID
    }

    private final Problem problem;
    private final Path file;
    private final transient SourceLocation location;
    private final List<String> parserMessages;

    public SpecImportException(Problem problem, Path file, SourceLocation location, String message,
                               List<String> parserMessages, Throwable cause) {
        super(format(file, location, message, parserMessages), cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.file = Objects.requireNonNull(file, "file");
        this.location = location;
        this.parserMessages = List.copyOf(parserMessages);
    }

    public SpecImportException(Problem problem, Path file, SourceLocation location, String message) {
        this(problem, file, location, message, List.of(), null);
    }

    private static String format(Path file, SourceLocation location, String message, List<String> parserMessages) {
        StringBuilder b = new StringBuilder().append(file.getFileName());
        if (location != null) {
            b.append(':').append(location);
        }
        b.append(": ").append(message);
        if (!parserMessages.isEmpty()) {
            b.append(" (parser: ").append(String.join("; ", parserMessages)).append(')');
        }
        return b.toString();
    }

    public Problem problem() {
        return problem;
    }

    public Path file() {
        return file;
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    public List<String> parserMessages() {
        return parserMessages;
    }
}
