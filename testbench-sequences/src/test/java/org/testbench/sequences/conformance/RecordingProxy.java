package org.testbench.sequences.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Sits between the bench and an MDMS on loopback and keeps every request the bench sends, exactly as sent
 * (method, path, query, headers, body), so that a validator the project did not write can judge them against the
 * MDMS's document afterwards. It forwards each request unchanged and the answer unchanged (a root-relative
 * {@code Location} or status link keeps pointing at the proxy).
 */
public final class RecordingProxy implements AutoCloseable {

    /** One request as the bench sent it. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers,
                           byte[] body) {
    }

    /** Headers the JDK's client sets itself (or that belong to one connection only). */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length",
            "transfer-encoding", "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI upstreamRoot;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    private RecordingProxy(URI upstreamRoot) throws IOException {
        this.upstreamRoot = upstreamRoot;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "recording-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    /** @param upstreamRoot the MDMS's server root, {@code http://127.0.0.1:PORT} */
    public static RecordingProxy start(String upstreamRoot) throws IOException {
        return new RecordingProxy(URI.create(upstreamRoot));
    }

    /** The proxy's root, {@code http://127.0.0.1:PORT}: put the MDMS's base path after it. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            recorded.add(new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));

            HttpRequest.Builder request = HttpRequest.newBuilder(upstreamRoot.resolve(uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))).timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
