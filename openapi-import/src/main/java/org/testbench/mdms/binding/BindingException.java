package org.testbench.mdms.binding;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.testbench.mdms.SourceLocation;

/**
 * A binding file that cannot be read: {@code mdms.binding.yaml:14:7: unknown capability 'loadswitch.open'
 * (did you mean loadSwitch.open?) …}.
 */
public final class BindingException extends IOException {

    private final String source;
    private final transient SourceLocation location;
    private final String problem;

    public BindingException(String source, SourceLocation location, String problem, Throwable cause) {
        super(source + (location == null ? "" : ":" + location) + ": " + problem, cause);
        this.source = Objects.requireNonNull(source, "source");
        this.location = location;
        this.problem = problem;
    }

    /** The file name, or what the text was called. */
    public String source() {
        return source;
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /** The message without file and location. */
    public String problem() {
        return problem;
    }
}
