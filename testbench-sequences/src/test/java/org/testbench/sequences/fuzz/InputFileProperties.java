package org.testbench.sequences.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import org.testbench.fuzz.ByteMutations;
import org.testbench.fuzz.FuzzBudget;
import org.testbench.fuzz.HangGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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
import org.testbench.sequences.config.BenchConfigurationReader;
import org.testbench.sequences.language.SequenceParser;
import org.testbench.sequences.profile.MeterProfileReader;
import org.testbench.sequences.yaml.InputFileException;

/**
 * Fuzzing the sequence, meter-profile and bench.yaml readers with damaged copies of real files (the samples): a file either
 * loads or is refused with one line that says where ({@code file:line:column}) inside the file, and reading it
 * ends. Never another exception, never a hang. Seeded and bounded (tag {@code fuzz}, {@link FuzzBudget}).
 */
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
class InputFileProperties {

    /** Only a hang guard: reading a file takes milliseconds, so still reading after this is stuck. */
    private static final long HANG_GUARD_SECONDS = 30;
    /** What means something to the sequence language, bench.yaml and a meter profile, beside YAML's own. */
    private static final List<String> TOKENS = ByteMutations.tokens("-", "...\n", "NaN", "${", "${position}", "}}",
            "${optical.", "kWh", " ms", " min", "1 s", "steps:", "cleanup:", "expect:", "meter.read:", "wait:",
            "timeout:", "retries:", "    ");
    private static final Path SAMPLES = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolveSibling("samples").resolve("sequences");
    private static final Path PROFILES = SAMPLES.resolveSibling("meters");
    private static final String BENCH_YAML = """
            bench:
              port: tcp:127.0.0.1:5025
              timeout: 5 s
            positions:
              - position: 1
                serial: "26000001"
                optical: /dev/ttyUSB0
                ami: tcp:127.0.0.1:4059
              - position: 2
                optical: heads/usb1
            mdms:
              url: https://mdms.example/api/v1
              spec: mdms-v1.yaml
              binding: mdms-v1.binding.yaml
            keystore: keys/meters.p12
            """;
    private static HangGuard reader;
    private static Path dir;

    @BeforeContainer
    static void start() throws IOException {
        reader = new HangGuard("fuzz-parse", Duration.ofSeconds(HANG_GUARD_SECONDS));
        dir = Files.createTempDirectory("fuzz-files");
    }

    @AfterContainer
    static void stop() throws IOException {
        reader.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("sample sequences in " + SAMPLES).isNotEmpty();
            return Arbitraries.of(yaml);
        }
    }

    @Provide
    Arbitrary<Path> profiles() throws IOException {
        try (Stream<Path> files = Files.list(PROFILES)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("sample meter profiles in " + PROFILES).isNotEmpty();
            return Arbitraries.of(yaml);
        }
    }

    @Provide
    Arbitrary<ByteMutations> mutations() {
        return ByteMutations.arbitrary(TOKENS);
    }

    @Property(tries = 400, seed = "20261207")
    void aDamagedSequenceLoadsOrIsRefusedWithItsLocation(@ForAll("samples") Path sample,
                                                         @ForAll("mutations") ByteMutations mutations) throws Exception {
        byte[] bytes = mutations.apply(Files.readAllBytes(sample));
        String name = sample.getFileName().toString();
        assertLoadsOrIsLocated(name, bytes, () -> SequenceParser.parse(name, bytes));
    }

    @Property(tries = 300, seed = "20261207")
    void aDamagedBenchYamlLoadsOrIsRefusedWithItsLocation(@ForAll("mutations") ByteMutations mutations) throws Exception {
        byte[] bytes = mutations.apply(BENCH_YAML.getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bench.yaml");
        Files.write(file, bytes);
        assertLoadsOrIsLocated(file.toString(), bytes, () -> BenchConfigurationReader.readBenchYaml(file));
    }

    @Property(tries = 300, seed = "20261207")
    void aDamagedMeterProfileLoadsOrIsRefusedWithItsLocation(@ForAll("profiles") Path sample,
                                                             @ForAll("mutations") ByteMutations mutations)
            throws Exception {
        byte[] bytes = mutations.apply(Files.readAllBytes(sample));
        Path file = dir.resolve(sample.getFileName());
        Files.write(file, bytes);
        assertLoadsOrIsLocated(file.toString(), bytes, () -> MeterProfileReader.read(file));
    }

    private static void assertLoadsOrIsLocated(String name, byte[] bytes, Callable<?> read) throws Exception {
        Throwable outcome = reader.outcome("reading " + name, read);
        if (outcome != null) {
            if (!(outcome instanceof InputFileException refused)) {
                throw new AssertionError("reading " + name + " ended in " + outcome, outcome);
            }
            assertThat(refused.getMessage()).matches(Pattern.compile(Pattern.quote(name) + ":\\d+:\\d+: \\S.*"))
                    .doesNotContain("\n", "\r");
            long lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().count();
            assertThat(refused.line()).as(refused.getMessage()).isBetween(1, (int) lines + 1);
            assertThat(refused.column()).as(refused.getMessage()).isPositive();
        }
    }
}
