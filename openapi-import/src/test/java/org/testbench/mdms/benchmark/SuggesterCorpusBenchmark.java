package org.testbench.mdms.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.BindingEntry;
import org.testbench.mdms.testing.Corpus;
import org.testbench.mdms.testing.CorpusScore;

/**
 * The suggester's figures on the corpus, per file: operations in the spec, capabilities bound, and, where
 * an engineer wrote the binding by hand, how many of them the suggester had right and how many the
 * engineer corrected; then what was bound and why the rest was not. Run with
 * {@code mvn -pl openapi-import -am test -Pbenchmarks -Dtest=SuggesterCorpusBenchmark}, adding
 * {@code -Dsuggester.corpus.extra=DIR} after {@code scripts/fetch-suggester-corpus.sh DIR} for the files
 * that are fetched, not kept.
 */
@Tag("benchmark")
class SuggesterCorpusBenchmark {

    @Test
    void printsTheFiguresPerFile() {
        List<Path> files = new ArrayList<>(Corpus.kept());
        files.addAll(Corpus.fetched());
        List<CorpusScore> scores = files.stream().map(CorpusScore::of).toList();
        StringBuilder out = new StringBuilder("\nSuggester on the corpus (" + scores.size() + " files)\n\n");
        out.append("| file | operations | bound | engineer's | correct | corrected |\n|---|---|---|---|---|---|\n");
        for (CorpusScore s : scores) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", s.file(), s.operations(),
                    s.bound(), s.engineer().map(b -> String.valueOf(b.entries().size())).orElse("-"),
                    s.engineer().isPresent() ? String.valueOf(s.correct().size()) : "-",
                    s.engineer().isPresent() ? String.valueOf(s.corrected().size()) : "-"));
        }
        int bound = scores.stream().mapToInt(CorpusScore::bound).sum();
        long withAny = scores.stream().filter(s -> s.bound() > 0).count();
        out.append(String.format(Locale.ROOT, "%ncapabilities bound: %d in %d of %d files; checked against the"
                        + " engineer: %d correct, %d corrected%n%n", bound, withAny, scores.size(),
                scores.stream().mapToInt(s -> s.correct().size()).sum(),
                scores.stream().mapToInt(s -> s.corrected().size()).sum()));
        for (CorpusScore s : scores) {
            out.append("### ").append(s.file()).append('\n');
            for (BindingEntry e : s.suggested().binding().entries()) {
                out.append("- bound ").append(e.capability()).append(" → ").append(e.operation())
                        .append(e.parameters().isEmpty() ? "" : " " + e.parameters()).append('\n');
            }
            s.suggested().unbound().forEach((c, reason) -> out.append("- not bound ").append(c).append(": ")
                    .append(reason).append('\n'));
            if (!s.corrected().isEmpty()) {
                out.append("- corrected by the engineer: ").append(s.corrected().stream().map(Object::toString)
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        System.out.println(out);
    }
}
