package org.testbench.mdms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * The suggester's corpus: the public OpenAPI files under {@code src/test/resources/corpus} (their origins in
 * its SOURCES.md), and, when {@code -Dsuggester.corpus.extra=DIR} names one, the files
 * {@code scripts/fetch-suggester-corpus.sh} fetched into DIR.
 */
public final class Corpus {

    /** Where the engineer's corrected bindings are, one per corpus file that has one: {@code NAME.binding.yaml}. */
    public static final String EXPECTED = "/corpus/expected/";

    private Corpus() {
    }

    public static List<Path> kept() {
        return specsIn(folder());
    }

    /** The fetched files, empty when no folder is given. */
    public static List<Path> fetched() {
        return Optional.ofNullable(System.getProperty("suggester.corpus.extra")).filter(s -> !s.isBlank())
                .map(Path::of).map(Corpus::specsIn).orElse(List.of());
    }

    public static ApiCatalog load(Path spec) {
        try {
            return SpecImporter.defaults().importFile(spec);
        } catch (SpecImportException e) {
            throw new AssertionError("corpus file " + spec.getFileName() + " does not import: " + e.getMessage(), e);
        }
    }

    /** {@code openadr3-3.0.1.yaml} → {@code openadr3-3.0.1}. */
    public static String name(Path spec) {
        String file = spec.getFileName().toString();
        return file.substring(0, file.lastIndexOf('.'));
    }

    /** The engineer's binding for this corpus file, when one was written. */
    public static Optional<Path> expectedBinding(Path spec) {
        Path expected = folder().resolve("expected").resolve(name(spec) + ".binding.yaml");
        return Files.isRegularFile(expected) ? Optional.of(expected) : Optional.empty();
    }

    private static Path folder() {
        try {
            return Path.of(Corpus.class.getResource("/corpus/SOURCES.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> specsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
