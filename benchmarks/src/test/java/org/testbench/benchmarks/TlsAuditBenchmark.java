package org.testbench.benchmarks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testbench.lab.mdms.MdmsLatency;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.VirtualMdms;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.mdms.tls.TlsAuditReport;
import org.testbench.mdms.tls.TlsAuditor;

/**
 * A full {@code tls-audit} of each reference HTTPS server of the virtual lab against a full testssl.sh
 * scan (Debian's, default checks) of the same server: both wall times and their ratio, with the number of
 * findings each reports. Figures, not assertions. The audit runs in this JVM after one warm-up audit (the
 * command line adds a JVM start, about a second). Profiles: all, or the comma-separated
 * {@code -Dtls.profiles=good,tls10}. Run with {@code mvn -pl benchmarks -am test -Pbenchmarks
 * -Dtest=TlsAuditBenchmark}; a full testssl.sh scan takes 30-70 s per profile.
 */
@Tag("benchmark")
class TlsAuditBenchmark {

    private static final Path TESTSSL = Path.of("/usr/bin/testssl");
    private static final Set<String> WEAKNESS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fullAuditAgainstFullTestsslScan() throws Exception {
        assumeTrue(Files.isExecutable(TESTSSL), "testssl.sh is not installed at " + TESTSSL);
        List<MdmsTlsProfile> profiles = new ArrayList<>();
        String wanted = System.getProperty("tls.profiles", "");
        if (wanted.isBlank()) {
            profiles.addAll(List.of(MdmsTlsProfile.values()));
        } else {
            for (String name : wanted.split(",")) {
                profiles.add(MdmsTlsProfile.parse(name));
            }
        }
        try (VirtualMdms warmUp = start(MdmsTlsProfile.GOOD, dir.resolve("warm-up"))) {
            TlsAuditor.newBuilder().trustCa(warmUp.caFile().orElseThrow()).build().audit(URI.create(warmUp.url()));
        }
        List<String> rows = new ArrayList<>();
        double ours = 0;
        double theirs = 0;
        for (MdmsTlsProfile profile : profiles) {
            try (VirtualMdms server = start(profile, dir.resolve(profile.externalName()))) {
                Path ca = server.caFile().orElseThrow();
                long t0 = System.nanoTime();
                TlsAuditReport report = TlsAuditor.newBuilder().trustCa(ca).build().audit(URI.create(server.url()));
                double audit = (System.nanoTime() - t0) / 1e9;
                Path json = dir.resolve(profile.externalName() + "-testssl.json");
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder(TESTSSL.toString(), "--warnings", "off", "--color", "0", "--quiet",
                        "--add-ca", ca.toString(), "--jsonfile", json.toString(),
                        server.url().substring("https://".length()))
                        .redirectErrorStream(true).redirectOutput(dir.resolve(profile.externalName() + ".txt").toFile())
                        .start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("testssl.sh did not finish on " + profile);
                }
                double scan = (System.nanoTime() - t1) / 1e9;
                int weaknesses = 0;
                for (JsonNode entry : JSON.readTree(json.toFile())) {
                    if (WEAKNESS.contains(entry.path("severity").asText())) {
                        weaknesses++;
                    }
                }
                ours += audit;
                theirs += scan;
                rows.add(String.format(Locale.ROOT, "%-12s %8.2f %6d %10.1f %8.1f %6d/%-4d %8d", profile.externalName(),
                        audit, report.handshakes(), scan, scan / audit, report.failures().size(),
                        report.findings().size() - report.failures().size(), weaknesses));
            }
        }
        System.out.printf("%nFull TLS audit vs full testssl.sh scan, per reference server (ratio = testssl.sh / ours)%n");
        System.out.printf("%-12s %8s %6s %10s %8s %11s %8s%n", "profile", "ours s", "hands", "testssl s", "ratio",
                "FAIL/WARN", "testssl");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%-12s %8.2f %6s %10.1f %8.1f%n", "total", ours, "", theirs, theirs / ours);
    }

    private static VirtualMdms start(MdmsTlsProfile profile, Path directory) throws Exception {
        Files.createDirectories(directory);
        return VirtualMdms.start(new MdmsSettings(Set.of(), MdmsLatency.RF, 0.01, "benchmark-token"), List.of(),
                Optional.of(MdmsTls.create(profile, directory)));
    }
}
