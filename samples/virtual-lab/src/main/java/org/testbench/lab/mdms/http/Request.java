package org.testbench.lab.mdms.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.testbench.lab.mdms.service.ServiceException;

/**
 * What a resource sees of an HTTP request: path parameters, query parameters, headers, cookies and the body
 * (JSON, or a form for an OAuth2 token request).
 */
public final class Request implements Authenticator.Credentials {

    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final byte[] body;
    private final Optional<String> contentType;
    private final Map<String, String> headers;

    Request(Map<String, String> pathParameters, String rawQuery, byte[] body, Optional<String> contentType) {
        this(pathParameters, rawQuery, body, contentType, Map.of());
    }

    /** @param headers the first value of each header, by lower-case name */
    Request(Map<String, String> pathParameters, String rawQuery, byte[] body, Optional<String> contentType,
            Map<String, String> headers) {
        this.pathParameters = Map.copyOf(pathParameters);
        this.queryParameters = parseQuery(rawQuery);
        this.body = body.clone();
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    @Override
    public Optional<String> cookie(String name) {
        return header("cookie").flatMap(cookies -> {
            for (String pair : cookies.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                    return Optional.of(pair.substring(equals + 1).strip());
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The body as {@code application/x-www-form-urlencoded} fields (an OAuth2 token request).
     *
     * @throws ServiceException BAD_REQUEST if the body is of another media type
     */
    public Map<String, String> form() {
        if (contentType.map(type -> !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(true)) {
            throw ServiceException.badRequest("Content-Type: must be application/x-www-form-urlencoded", null);
        }
        return parseQuery(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A path parameter the route's template declares. */
    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route declares no path parameter " + name);
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /**
     * The body as a JSON object.
     *
     * @param meter the meter the request is about, for the error body
     * @throws ServiceException BAD_REQUEST if the body is missing, not JSON or not an object
     */
    public ObjectNode jsonObject(String meter) {
        if (body.length == 0) {
            throw ServiceException.badRequest("body: a JSON object is required", meter);
        }
        if (contentType.map(type -> !type.toLowerCase(Locale.ROOT).startsWith("application/json"))
                .orElse(false)) {
            throw ServiceException.badRequest("Content-Type: must be application/json, was " + contentType.get(),
                    meter);
        }
        JsonNode node;
        try {
            node = Json.read(body);
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("body: not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), meter);
        }
        if (!(node instanceof ObjectNode)) {
            throw ServiceException.badRequest("body: a JSON object is required", meter);
        }
        return (ObjectNode) node;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            // The first occurrence wins; a repeated parameter is not part of this API.
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }
}
