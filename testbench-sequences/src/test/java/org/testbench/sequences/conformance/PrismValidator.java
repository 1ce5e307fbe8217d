package org.testbench.sequences.conformance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism (npm {@code @stoplight/prism-cli}), an OpenAPI validator the project did not write, judging the
 * requests the bench sent to an MDMS: each recorded request is replayed to {@code prism mock --errors} on the
 * MDMS's document, which answers a request that breaks the document — a path, parameter, header, body or the
 * credentials it requires — with a 4xx naming the violation. Prism is installed with npm into {@code target/prism}
 * the first time (Node.js and npm come from scripts/install-deps.sh).
 */
public final class PrismValidator implements AutoCloseable {

    private static final String PACKAGE = "@stoplight/prism-cli@5.16.0";
    private static final Path HOME = Path.of("target", "prism").toAbsolutePath();
    /** Headers the JDK's client sets itself; they say nothing about the request's conformance. */
    private static final Set<String> NOT_REPLAYED = Set.of("host", "connection", "content-length",
            "transfer-encoding", "expect", "upgrade", "keep-alive");

    /** How Prism locates a violation in the request (as opposed to one in its own answer). */
    private static final String REQUEST_VIOLATION = "\"location\":[\"request\"";

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PrismValidator(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts Prism's mock on the document ({@code --errors}: an answer of its own that breaks the document is a
     * 500 too), installing Prism first when it is not yet there.
     */
    public static PrismValidator start(Path spec) throws IOException, InterruptedException {
        return start(spec, true);
    }

    /**
     * Starts Prism's mock to stand in for a vendor's MDMS: it answers with the document's examples even where they
     * break the document's own schemas (a vendor's examples often do: PI Web API's {@code Value: 12.3} where the
     * schema says object), and refuses a request that breaks the document all the same (422, 401…).
     */
    public static PrismValidator mock(Path spec) throws IOException, InterruptedException {
        return start(spec, false);
    }

    private static PrismValidator start(Path spec, boolean strictAnswers) throws IOException, InterruptedException {
        Path prism = install();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("prism-", ".log");
        List<String> command = new ArrayList<>(List.of(prism.toString(), "mock"));
        if (strictAnswers) {
            command.add("--errors");
        }
        command.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), spec.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrismValidator validator = new PrismValidator(process, log, port);
        Instant deadline = Instant.now().plusSeconds(90);
        while (!Files.readString(log).contains("Prism is listening")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = Files.readString(log);
                validator.close();
                throw new IOException("Prism did not start on " + spec + ": " + output);
            }
            Thread.sleep(200);
        }
        return validator;
    }

    /** Where the mock answers, {@code http://127.0.0.1:PORT}: the document's paths without its servers' base path. */
    public String root() {
        return "http://127.0.0.1:" + port;
    }

    /** Synchronized: the verdict matrix starts a Prism per dialect at once, and one installation serves all. */
    private static synchronized Path install() throws IOException, InterruptedException {
        Path bin = HOME.resolve("node_modules").resolve(".bin").resolve("prism");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Files.createDirectories(HOME);
        Path log = HOME.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                PACKAGE).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(bin)) {
            npm.destroyForcibly();
            throw new IOException("npm install " + PACKAGE + " failed (Node.js and npm: scripts/install-deps.sh): "
                    + Files.readString(log));
        }
        return bin;
    }

    /**
     * The requests under {@code basePath} (the API's; others, such as an OAuth2 token endpoint, are not the
     * document's), replayed to Prism without the base path.
     *
     * @return one line per request Prism refused: the request and Prism's words
     */
    public List<String> violations(List<RecordingProxy.Recorded> requests, String basePath)
            throws IOException, InterruptedException {
        List<String> violations = new ArrayList<>();
        for (RecordingProxy.Recorded r : requests) {
            if (!r.path().startsWith(basePath + "/")) {
                continue;
            }
            String path = r.path().substring(basePath.length()) + (r.query() == null ? "" : "?" + r.query());
            HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).method(r.method(), r.body().length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            r.headers().forEach((name, values) -> {
                if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> replay.header(name, v));
                }
            });
            HttpResponse<String> answer = client.send(replay.build(), HttpResponse.BodyHandlers.ofString());
            // Only the request is the bench's: a violation in Prism's own answer (the document's examples against
            // its schemas) says nothing about what the bench sent.
            boolean refused = answer.statusCode() >= 400 && answer.statusCode() < 500 || answer.headers()
                    .firstValue("sl-violations").filter(v -> v.contains(REQUEST_VIOLATION)).isPresent()
                    || answer.body().contains(REQUEST_VIOLATION);
            if (refused) {
                violations.add(r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query()) + " "
                        + new String(r.body(), StandardCharsets.UTF_8) + " → " + answer.statusCode() + " "
                        + answer.headers().firstValue("sl-violations").orElse("") + " " + answer.body());
            }
        }
        return violations;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file: left behind at worst
        }
    }
}
