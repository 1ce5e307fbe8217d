package org.testbench.mdms.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.binding.Capability;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.catalog.ApiCatalog;

/**
 * What the suggester did with one corpus file, against the engineer's binding when there is one: a
 * capability is <em>correct</em> when the suggestion has the engineer's operation, parameters, body and
 * the engineer's pointers for the values the bench reads (further values the engineer added do not make it
 * wrong); <em>corrected</em> when the engineer bound it otherwise or the suggester left it out.
 */
public record CorpusScore(String file, ApiCatalog catalog, SuggestedBinding suggested, Optional<Binding> engineer,
                          List<Capability> correct, List<Capability> corrected) {

    /** Each spec is imported and suggested once per test run: some corpus files have hundreds of operations. */
    private static final Map<Path, CorpusScore> CACHE = new ConcurrentHashMap<>();

    public static CorpusScore of(Path spec) {
        return CACHE.computeIfAbsent(spec.toAbsolutePath(), CorpusScore::measure);
    }

    private static CorpusScore measure(Path spec) {
        ApiCatalog catalog = Corpus.load(spec);
        SuggestedBinding suggested = Binding.suggest(catalog);
        Optional<Binding> engineer = Corpus.expectedBinding(spec).map(CorpusScore::load);
        List<Capability> correct = new ArrayList<>();
        List<Capability> corrected = new ArrayList<>();
        engineer.ifPresent(e -> e.entries().forEach(written -> {
            Optional<BindingEntry> guess = suggested.binding().entry(written.capability());
            (guess.isPresent() && agrees(guess.get(), written, catalog) ? correct : corrected).add(written.capability());
        }));
        return new CorpusScore(spec.getFileName().toString(), catalog, suggested, engineer, correct, corrected);
    }

    /**
     * Same operation (by id or by method and path alike), parameters and body; the values the bench reads
     * from the engineer's sources (pointer, map, literal unit).
     */
    public static boolean agrees(BindingEntry guess, BindingEntry written, ApiCatalog catalog) {
        return guess.operation().resolve(catalog).equals(written.operation().resolve(catalog))
                && guess.parameters().equals(written.parameters())
                && guess.requestBody().equals(written.requestBody())
                && written.capability().requiredValues().stream().filter(written.sources()::containsKey)
                .allMatch(name -> guess.source(name).equals(written.source(name)));
    }

    public int operations() {
        return catalog.operations().size();
    }

    public int bound() {
        return suggested.binding().entries().size();
    }

    private static Binding load(Path file) {
        try {
            return Binding.load(file);
        } catch (BindingException e) {
            throw new AssertionError("expected binding " + file + ": " + e.getMessage(), e);
        }
    }
}
