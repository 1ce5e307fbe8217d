package org.testbench.mdms.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.SuggestedBinding;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.testing.Corpus;

class Explore {
    @Test
    void explore() {
        List<Path> all = new ArrayList<>(Corpus.kept());
        all.addAll(Corpus.fetched());
        for (Path p : all) {
            ApiCatalog c = Corpus.load(p);
            SuggestedBinding s = Binding.suggest(c);
            System.out.println("=== " + p.getFileName() + " ops=" + c.operations().size());
            System.out.println(s.toYaml());
            System.out.println(s.binding().validate(c));
        }
    }
}
