package org.testbench.app.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.testbench.sequences.language.Sequence;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.yaml.InputFileException;

/** The sample sequences shipped in the jar ({@code samples/sequences}), ready to run on the virtual lab. */
public final class BundledSamples {

    /** The library, in the order a newcomer meets it: identity first, then the end-to-end test. */
    public static final List<String> SEQUENCES = List.of("identity.yaml", "e2e-load-switch.yaml", "functions.yaml",
            "timestamps.yaml", "interface-quality.yaml", "load.yaml", "negative-unreachable.yaml");

    private BundledSamples() {
    }

    /** The sample OpenAPI files (samples/openapi): the reference MDMS's API and its next version. */
    public static final List<String> OPENAPI = List.of("mdms-v1.yaml", "mdms-v2.yaml");

    /** Writes a sample OpenAPI file into a directory (its {@code openapi/} subdirectory) and returns it. */
    public static Path openApi(String file, Path dir) throws IOException {
        try (InputStream in = BundledSamples.class.getResourceAsStream("/samples/openapi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("samples/openapi/" + file + " is missing from the jar");
            }
            Path target = dir.resolve("openapi").resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    public static Sequence sequence(String file) throws IOException {
        try (InputStream in = BundledSamples.class.getResourceAsStream("/samples/sequences/" + file)) {
            if (in == null) {
                throw new IllegalStateException("samples/sequences/" + file + " is missing from the jar");
            }
            return SequenceParser.parse("samples/sequences/" + file, in.readAllBytes());
        } catch (InputFileException e) {
            throw new IllegalStateException("the bundled sequence is broken: " + e.getMessage(), e);
        }
    }
}
