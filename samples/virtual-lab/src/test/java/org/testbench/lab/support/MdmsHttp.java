package org.testbench.lab.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A bench-side client of the simulated MDMS: real HTTP with the JDK client, JSON read with Jackson. */
public final class MdmsHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final HttpClient client;

    public MdmsHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One answer: status, raw body, headers. */
    public record Reply(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Optional.of(token));
    }

    public Reply post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, Optional.of(token));
    }

    public Reply send(String method, String path, String json, Optional<String> bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        bearer.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /** Polls {@code GET /commands/{id}} until the command is no longer PENDING. */
    public JsonNode awaitCommand(String commandId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Reply reply = get("/commands/" + commandId);
            if (reply.status() != 200) {
                throw new AssertionError("command status answered " + reply.status() + ": " + reply.body());
            }
            JsonNode command = reply.json();
            if (!"PENDING".equals(command.path("status").asText()) || Instant.now().isAfter(deadline)) {
                return command;
            }
            Thread.sleep(20);
        }
    }

    /** Sends a load-switch command and returns its id (the answer must be 202). */
    public String switchLoad(String serial, String action) throws IOException, InterruptedException {
        Reply reply = post("/meters/" + serial + "/load-switch/commands", "{\"action\":\"" + action + "\"}");
        if (reply.status() != 202) {
            throw new AssertionError("load-switch command answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().path("commandId").asText();
    }
}
