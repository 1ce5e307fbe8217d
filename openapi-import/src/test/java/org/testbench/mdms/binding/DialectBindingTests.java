package org.testbench.mdms.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * The published bindings of the virtual lab's MDMS dialects ({@code samples/bindings}) load and are complete for
 * their own documents: no error, no warning. What they do against the lab is tested where the lab runs.
 */
class DialectBindingTests {

    private static Path samples() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("samples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdms-v1", "gridflow-hes-v2", "metercloud-v1"})
    void theDialectsBindingIsCompleteForItsDocument(String name) throws Exception {
        Binding binding = Binding.load(samples().resolve("bindings").resolve(name + ".binding.yaml"));
        ApiCatalog catalog = SpecImporter.defaults().importFile(samples().resolve("openapi").resolve(name + ".yaml"));
        assertThat(binding.spec()).as("the binding names its document").isPresent();
        BindingCheck check = binding.validate(catalog);
        assertThat(check.problems()).as(name).isEmpty();
        assertThat(binding.entries()).extracting(BindingEntry::capability)
                .as("every capability the library's sequences use").containsAll(Binding.load(
                        samples().resolve("bindings").resolve("mdms-v1.binding.yaml")).entries().stream()
                        .map(BindingEntry::capability).toList());
    }
}
