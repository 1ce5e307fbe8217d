package org.testbench.lab.mdms.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.mdms.MdmsSettings;
import org.testbench.lab.mdms.service.ErrorCode;
import org.testbench.lab.mdms.service.ServiceException;

/**
 * The MDMS's HTTP endpoint on 127.0.0.1 (JDK HTTP server, ephemeral port): routing, credentials,
 * JSON, the dialect's error bodies, the fault profiles' response rewriting, and a DEBUG line per request
 * (method, path, status, duration — never a header, so never the token).
 */
public final class MdmsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MdmsHttpServer.class);
    /** Larger than any valid request: a certificate is about 1 KiB. */
    private static final int MAX_BODY = 64 * 1024;
    private static final int WORKERS = 8;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService workers;
    private final Router router;
    private final Authenticator token;
    private final ResponsePolicy policy;

    private MdmsHttpServer(HttpServer server, ExecutorService workers, Router router, Authenticator token,
            ResponsePolicy policy) {
        this.server = server;
        this.workers = workers;
        this.router = router;
        this.token = token;
        this.policy = policy;
    }

    /** Binds an ephemeral port on the loopback interface and starts serving the reference API's routes. */
    public static MdmsHttpServer start(List<Route> routes, MdmsSettings settings) throws IOException {
        return start(new FrontEnd(routes, new BearerToken(settings.token()), ErrorFormat.REFERENCE), settings);
    }

    /** Binds an ephemeral port on the loopback interface and starts serving one API dialect. */
    public static MdmsHttpServer start(FrontEnd api, MdmsSettings settings) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, new NamedThreads("mdms-http"));
        MdmsHttpServer mdms = new MdmsHttpServer(server, workers, new Router(api.routes()), api.authenticator(),
                new ResponsePolicy(settings, api.errors(), api.authenticator().challenge()));
        server.createContext("/", mdms::serve);
        server.setExecutor(workers);
        server.start();
        return mdms;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The loopback address and port the server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The query as its parameters' names only ({@code ?serialNumber=…&api_key=…}): a query may carry credentials
     * (an API key in the query, as metercloud allows), which never go into a log.
     */
    static String queryNames(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder names = new StringBuilder("?");
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            names.append(names.length() > 1 ? "&" : "").append(eq < 0 ? pair : pair.substring(0, eq) + "=…");
        }
        return names.toString();
    }

    private void serve(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String target = exchange.getRequestURI().getRawPath() + queryNames(exchange.getRequestURI().getRawQuery());
        int status = 0;
        try (exchange) {
            Response response = answer(exchange, method);
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("{} {}: the client went away ({})", method, target, e.getMessage());
        } finally {
            LOG.debug("{} {} -> {} ({} ms)", method, target, status, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private Response answer(HttpExchange exchange, String method) throws IOException {
        try {
            Router.Match match = router.route(method, exchange.getRequestURI().getRawPath());
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                }
            });
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (match instanceof Router.Found found) {
                Request request = new Request(found.pathParameters(), rawQuery, readBody(exchange),
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")), headers);
                if (found.route().tokenRequired()) {
                    token.check(request);
                }
                return policy.apply(found.route().handler().handle(request));
            }
            // Unknown resources are not revealed to a client without credentials.
            token.check(new Request(Map.of(), rawQuery, new byte[0], Optional.empty(), headers));
            if (match instanceof Router.MethodNotAllowed notAllowed) {
                Response refused = policy.ofError(new ServiceException(ErrorCode.METHOD_NOT_ALLOWED,
                        "Method not allowed", method + " is not defined here; allowed: " + notAllowed.allowed(), null));
                return withHeader(refused, "Allow", String.join(", ", notAllowed.allowed()));
            }
            return policy.ofError(new ServiceException(ErrorCode.NOT_FOUND, "No such resource",
                    "path: " + exchange.getRequestURI().getRawPath(), null));
        } catch (ServiceException e) {
            return policy.ofError(e);
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.warn("Internal error, reference {}", reference, e);
            return policy.ofError(ServiceException.internal(reference));
        }
    }

    private static Response withHeader(Response response, String name, String value) {
        if (response.status() != 405) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put(name, value);
        return new Response(response.status(), response.body(), headers, response.commandAccepted());
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw ServiceException.badRequest("body: larger than " + MAX_BODY + " bytes", null);
            }
            return body;
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        Optional<Object> body = response.bodyIfAny();
        if (body.isEmpty()) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] json = body.get() instanceof Response.Text text ? text.text().getBytes(StandardCharsets.UTF_8)
                : Json.write(body.get());
        if (!response.headers().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(response.status(), json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** Stops accepting, ends the dispatcher thread and waits for the workers to finish. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("MDMS HTTP workers still busy {} s after stop", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
