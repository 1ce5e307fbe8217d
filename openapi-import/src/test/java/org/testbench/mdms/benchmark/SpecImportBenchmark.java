package org.testbench.mdms.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.DeserializationUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.mdms.catalog.ApiCatalog;
import org.testbench.mdms.catalog.SpecImporter;
import org.testbench.mdms.testing.GeneratedSpec;
import org.testbench.mdms.testing.Specs;

/**
 * Import time and memory of the importer against swagger-parser alone, measured in the same run on the
 * reference specs and on generated documents of vendor size. The importer does more than the parser
 * (its own YAML pass with line numbers, reference checks, the catalog with JSON schemas); the table shows
 * what that costs. Run with {@code mvn -pl openapi-import -am test -Pbenchmarks}.
 *
 * <p>Memory: the peak is the sum of the heap pools' peak usage during one import after a full GC,
 * minus the heap in use before it (an upper bound: pools peak at different moments); "retained" is the
 * heap still in use after a GC while the result is held.
 */
@Tag("benchmark")
class SpecImportBenchmark {

    /**
     * @param millis      median wall time
     * @param allocatedMb bytes allocated by the importing thread (exact, from the JVM's per-thread counter)
     * @param peakMb      heap pools' peak during the import above the heap in use before (upper bound)
     * @param retainedMb  heap held by the result after a full GC
     */
    private record Figures(double millis, double allocatedMb, double peakMb, double retainedMb) {
    }

    private record Row(String spec, long bytes, int operations, Figures ours, Figures parser) {
    }

    @Test
    void importAgainstSwaggerParserAlone(@TempDir Path dir) throws Exception {
        // swagger-parser alone refuses YAML over 3 MiB; raise its global limit so that it can be measured at all.
        DeserializationUtils.getOptions().setMaxYamlCodePoints(Integer.MAX_VALUE);
        List<Path> specs = List.of(Specs.path("mdms-v1.yaml"), Specs.path("mdms-v2.yaml"),
                GeneratedSpec.write(dir, 500), GeneratedSpec.write(dir, 2000), GeneratedSpec.write(dir, 4000));
        SpecImporter importer = SpecImporter.defaults();
        List<Row> rows = new ArrayList<>();
        for (Path spec : specs) {
            long size = Files.size(spec);
            int rounds = size < 100_000 ? 31 : size < 2_000_000 ? 11 : 5;
            Callable<Object> ours = () -> importer.importFile(spec);
            Callable<Object> parser = () -> parseAlone(spec);
            double[][] times = timeAlternately(rounds, ours, parser);
            ApiCatalog catalog = importer.importFile(spec);
            rows.add(new Row(spec.getFileName().toString(), size, catalog.operations().size(),
                    memory(times[0], ours), memory(times[1], parser)));
        }
        print(rows);
        assertThat(rows).allMatch(r -> r.operations() > 0);
    }

    /** Median times of both, run in turns so that both see the same machine (other builds share it). */
    private static double[][] timeAlternately(int rounds, Callable<Object> a, Callable<Object> b) throws Exception {
        for (int i = 0; i < 2; i++) {
            a.call();
            b.call();
        }
        double[][] millis = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            millis[0][i] = time(a);
            millis[1][i] = time(b);
        }
        Arrays.sort(millis[0]);
        Arrays.sort(millis[1]);
        return millis;
    }

    private static double time(Callable<Object> work) throws Exception {
        long start = System.nanoTime();
        work.call();
        return (System.nanoTime() - start) / 1e6;
    }

    private static SwaggerParseResult parseAlone(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(spec.toString(), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("swagger-parser could not read " + spec + ": " + result.getMessages());
        }
        return result;
    }

    private static Figures memory(double[] sortedMillis, Callable<Object> work) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = usedAfterGc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        Object result = work.call();
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long retained = usedAfterGc();
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return new Figures(sortedMillis[sortedMillis.length / 2], allocated / 1e6, Math.max(0, peak - before) / 1e6,
                (retained - before) / 1e6);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%nSpec import: Testbench importer (ours) against swagger-parser 2.1.48 alone"
                + " (OpenAPIParser.readLocation, resolve), JDK %s, %d CPUs%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        String format = "%-20s %8s %5s | %8s %8s %5s | %8s %8s %5s | %7s %7s | %6s %6s%n";
        System.out.printf(Locale.ROOT, format, "spec", "bytes", "ops", "ours ms", "alone ms", "ratio",
                "ours MB", "alone MB", "ratio", "ours pk", "alone pk", "ours k", "alone k");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-20s %8d %5d | %8.1f %8.1f %5.2f | %8.1f %8.1f %5.2f | %7.0f %7.0f | %6.1f %6.1f%n",
                    r.spec(), r.bytes(), r.operations(), r.ours().millis(), r.parser().millis(),
                    r.ours().millis() / r.parser().millis(), r.ours().allocatedMb(), r.parser().allocatedMb(),
                    r.ours().allocatedMb() / r.parser().allocatedMb(), r.ours().peakMb(), r.parser().peakMb(),
                    r.ours().retainedMb(), r.parser().retainedMb());
        }
        System.out.println("ms: median wall time. MB: allocated per import. pk: peak heap above the start (MB, upper"
                + " bound; G1 counts whole regions). k: heap kept by the result (MB).");
    }
}
