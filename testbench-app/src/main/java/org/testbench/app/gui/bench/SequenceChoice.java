package org.testbench.app.gui.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.testbench.app.runs.BundledSamples;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.yaml.InputFileException;

/** A sequence the technician can start: one of the library's, shipped in the jar, or a file. */
public record SequenceChoice(String label, String bundledName, Path file) {

    public static SequenceChoice bundled(String file) {
        return new SequenceChoice(file.replaceFirst("\\.yaml$", "") + " (library)", file, null);
    }

    public static SequenceChoice file(Path file) {
        return new SequenceChoice(file.getFileName() + " (" + file.toAbsolutePath().getParent() + ")", null, file);
    }

    /** Reads and checks the whole sequence; a broken file says file:line:column what. */
    public Sequence load() throws IOException, InputFileException {
        return bundledName != null ? BundledSamples.sequence(bundledName) : SequenceParser.parse(file);
    }

    @Override
    public String toString() {
        return label;
    }
}
