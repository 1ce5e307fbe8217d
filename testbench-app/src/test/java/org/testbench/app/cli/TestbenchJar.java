package org.testbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code testbench.jar} in its own JVM, as a user or a script would. */
final class TestbenchJar {

    /** What a finished command left: exit code and both streams. */
    record Result(int exitCode, String out, String err) {
    }

    static Path jar() {
        String path = System.getProperty("testbench.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("testbench.jar not built (system property testbench.jar = " + path + ")");
        }
        return Path.of(path);
    }

    static ProcessBuilder command(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // Secrets come only from the test: never from whoever runs the build.
        pb.environment().remove("TESTBENCH_KEYSTORE_PASSWORD");
        pb.environment().remove("TESTBENCH_MDMS_TOKEN");
        pb.environment().remove("TESTBENCH_TLS_PASSWORD");
        pb.environment().remove("TESTBENCH_BROKER_PASSWORD");
        pb.environment().remove("TESTBENCH_DB_URL");
        pb.environment().putAll(env);
        return pb;
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("testbench-out", ".txt");
        Path err = Files.createTempFile("testbench-err", ".txt");
        try {
            Process p = command(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("testbench " + String.join(" ", args) + " did not end within 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Waits for a started {@code testbench lab} to write its endpoints file (written whole, by a rename) and reads it.
     *
     * @param labErr where the lab's stderr goes: shown when it dies or takes longer than 90 s
     */
    static JsonNode awaitEndpoints(Process lab, Path endpoints, Path labErr) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(endpoints)) {
            if (!lab.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("testbench lab wrote no endpoints to " + endpoints + ": "
                        + Files.readString(labErr));
            }
            Thread.sleep(100);
        }
        return new ObjectMapper().readTree(endpoints.toFile());
    }

    private TestbenchJar() {
    }
}
