package org.testbench.mdms.internal;

import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * A YAML or JSON text that cannot be read, with the place the parser stopped. Internal: the
 * importer and the binding loader turn it into their own exception with the file name.
 */
public final class TextSyntaxException extends Exception {

    private final transient SourceLocation location;
    private final String problem;

    public TextSyntaxException(String problem, SourceLocation location, Throwable cause) {
        super(location == null ? problem : location + ": " + problem, cause);
        this.problem = problem;
        this.location = location;
    }

    /** The parser's description, without the location. */
    public String problem() {
        return problem;
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }
}
