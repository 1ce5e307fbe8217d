package org.testbench.mdms.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import org.testbench.fuzz.ByteMutations;
import org.testbench.fuzz.FuzzBudget;
import org.testbench.fuzz.HangGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.testbench.mdms.SourceLocation;
import org.testbench.mdms.binding.Binding;
import org.testbench.mdms.binding.BindingException;
import org.testbench.mdms.catalog.SpecImportException;
import org.testbench.mdms.catalog.SpecImporter;

/**
 * Fuzzing the OpenAPI importer and the binding reader with damaged copies of real files: a file either loads or
 * is refused with one line that names it and, where the text is at fault, says where ({@code file:line:column})
 * inside it. Never another exception, never a hang, never a fetch of a host the file names. Seeded and bounded
 * (tag {@code fuzz}, {@link FuzzBudget}).
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class SpecAndBindingFileProperties {

    /** Only a hang guard: importing a small spec takes well under a second. */
    private static final long HANG_GUARD_SECONDS = 60;
    /** What means something to OpenAPI and to a binding, beside YAML's and JSON's own. */
    private static final List<String> TOKENS = ByteMutations.tokens("$ref: ", "$ref: '#/components/schemas/Nope'",
            "$ref: 'http://127.0.0.1:1/x.yaml'", "$ref: '../../../../etc/passwd'", "$ref: '#'", "openapi: 9.9.9\n",
            "swagger: '2.0'\n", "paths:", "components:", "type: object", "enum: [ON, OFF]", "allOf:", "oneOf: []",
            "{meterId}", "/meters/{", "capabilities:", "loadSwitch.open:", "operation: ", "pointer: /",
            "${meter.serial}", "states:");
    private static final Path RESOURCES = Path.of("src", "test", "resources").toAbsolutePath();
    private static HangGuard reader;
    private static Path dir;

    @BeforeContainer
    static void start() throws IOException {
        reader = new HangGuard("fuzz-import", Duration.ofSeconds(HANG_GUARD_SECONDS));
        dir = Files.createTempDirectory("fuzz-specs");
    }

    @AfterContainer
    static void stop() throws IOException {
        reader.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The small specs (the large samples would spend the budget on few cases): 3.0, 3.1, Swagger 2, vendors'. */
    @Provide
    Arbitrary<Path> specs() {
        return Arbitraries.of(RESOURCES.resolve("specs/mdms-3.1.yaml"), RESOURCES.resolve("specs/mdms-swagger2.yaml"),
                RESOURCES.resolve("specs/vendor-poor.yaml"), RESOURCES.resolve("specs/vendor-shapes.yaml"),
                RESOURCES.resolve("specs/corpus-shapes.yaml"), RESOURCES.resolve("vendor/gridcore.yaml"),
                RESOURCES.resolve("specs/bad/truncated.json"));
    }

    @Provide
    Arbitrary<Path> bindings() {
        return Arbitraries.of(RESOURCES.resolve("vendor/gridcore.binding.yaml"),
                Path.of("..", "samples", "bindings", "mdms-v1.binding.yaml").toAbsolutePath().normalize());
    }

    @Provide
    Arbitrary<ByteMutations> mutations() {
        return ByteMutations.arbitrary(TOKENS);
    }

    @Property(tries = 150, seed = "20261207")
    void aDamagedSpecImportsOrIsRefusedInOneLine(@ForAll("specs") Path sample,
                                                 @ForAll("mutations") ByteMutations mutations) throws Exception {
        byte[] bytes = mutations.apply(Files.readAllBytes(sample));
        Path file = dir.resolve(sample.getFileName());
        Files.write(file, bytes);
        Throwable refused = outcome(file, () -> SpecImporter.defaults().importFile(file));
        if (refused == null) {
            return;
        }
        if (!(refused instanceof SpecImportException e)) {
            throw new AssertionError("importing " + file.getFileName() + " ended in " + refused, refused);
        }
        assertThat(e.getMessage()).startsWith(file.getFileName() + ":").doesNotContain("\n", "\r");
        if (e.problem() == SpecImportException.Problem.SYNTAX || e.problem() == SpecImportException.Problem.ENCODING) {
            assertThat(e.location()).as(e.getMessage()).isPresent();
        }
        e.location().ifPresent(at -> assertInside(e.getMessage(), at, bytes));
    }

    @Property(tries = 300, seed = "20261207")
    void aDamagedBindingLoadsOrIsRefusedWithItsLocation(@ForAll("bindings") Path sample,
                                                       @ForAll("mutations") ByteMutations mutations) throws Exception {
        byte[] bytes = mutations.apply(Files.readAllBytes(sample));
        Path file = dir.resolve(sample.getFileName());
        Files.write(file, bytes);
        Throwable refused = outcome(file, () -> Binding.load(file));
        if (refused == null) {
            return;
        }
        if (!(refused instanceof BindingException e)) {
            throw new AssertionError("reading " + file.getFileName() + " ended in " + refused, refused);
        }
        assertThat(e.getMessage()).doesNotContain("\n", "\r");
        assertThat(e.location()).as(e.getMessage()).isPresent();
        assertInside(e.getMessage(), e.location().orElseThrow(), bytes);
    }

    /** Null when the file loaded, else what reading it threw. */
    private static Throwable outcome(Path file, Callable<?> read) throws InterruptedException {
        return reader.outcome("reading " + file.getFileName(), read);
    }

    private static void assertInside(String message, SourceLocation at, byte[] bytes) {
        long lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().count();
        assertThat(at.line()).as(message).isBetween(1, (int) lines + 1);
        assertThat(at.column()).as(message).isPositive();
    }
}
